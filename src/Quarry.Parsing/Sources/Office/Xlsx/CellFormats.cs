using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;

namespace Quarry.Parsing.Sources.Office.Xlsx;

/// <summary>The number format code of each cell style (<c>cellXfs</c>): built-in ids, or the workbook's own codes.</summary>
internal sealed class CellFormats
{
    private readonly List<string?> _codes = [];

    public CellFormats(WorkbookPart workbook)
    {
        var styles = workbook.WorkbookStylesPart?.Stylesheet;
        if (styles is null)
        {
            return;
        }
        var custom = new Dictionary<int, string>();
        foreach (var format in styles.Child("numFmts")?.Children("numFmt") ?? [])
        {
            if (int.TryParse(format.Attr("numFmtId"), out var id) && format.Attr("formatCode") is { } code)
            {
                custom[id] = code;
            }
        }
        foreach (var xf in styles.Child("cellXfs")?.Children("xf") ?? [])
        {
            var id = int.TryParse(xf.Attr("numFmtId"), out var n) ? n : 0;
            _codes.Add(custom.GetValueOrDefault(id) ?? NumberFormat.BuiltInCode(id));
        }
    }

    public string? Code(string? styleIndex) =>
        int.TryParse(styleIndex, out var i) && i >= 0 && i < _codes.Count ? _codes[i] : null;
}
