using DocumentFormat.OpenXml;

namespace Quarry.Parsing.Sources.Office.Pptx;

/// <summary>
/// A DrawingML table (a:tbl) to HTML: <c>gridSpan</c>/<c>rowSpan</c> on the anchor cell, <c>hMerge</c>/<c>vMerge</c>
/// on the cells it covers (left out); the first row is the header when the table says <c>firstRow</c>.
/// </summary>
internal static class SlideTable
{
    public static string Html(OpenXmlElement table, SlideText text)
    {
        var rows = new List<IReadOnlyList<OfficeCell>>();
        foreach (var tr in table.Children("tr"))
        {
            var row = new List<OfficeCell>();
            foreach (var tc in tr.Children("tc"))
            {
                if (tc.Attr("hMerge") is "1" or "true" || tc.Attr("vMerge") is "1" or "true")
                {
                    continue;
                }
                var colSpan = int.TryParse(tc.Attr("gridSpan"), out var c) && c > 1 ? c : 1;
                var rowSpan = int.TryParse(tc.Attr("rowSpan"), out var r) && r > 1 ? r : 1;
                var cellText = string.Join(" ", text.Paragraphs(tc).Where(t => t.Length > 0));
                row.Add(new OfficeCell(cellText, colSpan, rowSpan));
            }
            rows.Add(row);
        }
        var header = table.Child("tblPr")?.Attr("firstRow") is "1" or "true" && rows.Count > 1 ? 1 : 0;
        return HtmlTable.Write(rows, header);
    }
}
