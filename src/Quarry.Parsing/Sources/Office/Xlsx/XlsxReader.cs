using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using Quarry.Core.Model;

namespace Quarry.Parsing.Sources.Office.Xlsx;

/// <summary>
/// A workbook, one page per visible sheet in tab order (hidden sheets are skipped, as MinerU does). Each
/// block of cells becomes an HTML table (a lone cell a paragraph), values as the sheet shows them: shared and
/// inline strings, numbers and dates through their number formats, booleans, errors, and formulas by their
/// cached values. The sheet's name heads its page when the workbook has more than one sheet with content.
/// A chart sheet is noted by a line naming its chart; pictures and charts drawn on worksheets are not read.
/// </summary>
internal static class XlsxReader
{
    /// <summary>Cells read per sheet: far beyond a readable table, and a bound on a sheet written to exhaust memory.</summary>
    private const int MaxCells = 2_000_000;

    /// <summary>Grid positions one table may cover.</summary>
    private const long MaxTableCells = 4_000_000;

    public static List<OfficePage> Read(SpreadsheetDocument document, CancellationToken ct)
    {
        var workbookPart = document.WorkbookPart ?? throw new OpenXmlPackageException("the package has no workbook part");
        var workbook = workbookPart.Workbook;
        var date1904 = workbook?.Child("workbookPr")?.Attr("date1904") is "1" or "true";
        var strings = SharedStrings(workbookPart);
        var formats = new CellFormats(workbookPart);
        var sheets = new List<(string Name, OfficePage Page)>();
        foreach (var sheet in workbook?.Child("sheets")?.Children("sheet") ?? [])
        {
            ct.ThrowIfCancellationRequested();
            if (sheet.Attr("state") is "hidden" or "veryHidden" || sheet.RelId("id") is not { } id || !workbookPart.TryGetPartById(id, out var part))
            {
                continue;
            }
            var name = sheet.Attr("name") ?? "";
            var page = new OfficePage(sheets.Count, 612, 792);
            if (part is WorksheetPart worksheet && worksheet.Worksheet is { } root)
            {
                Worksheet(root, strings, formats, date1904, page);
            }
            else if (part is ChartsheetPart chartsheet)
            {
                var title = chartsheet.DrawingsPart?.ChartParts.Select(c => ChartTitle(c.ChartSpace)).FirstOrDefault(t => t.Length > 0);
                page.Blocks.Add(OfficeBlocks.Text(BlockType.Text, "Chart sheet: " + (title ?? name)));
            }
            sheets.Add((name, page));
        }
        if (sheets.Count(s => s.Page.Blocks.Count > 0) > 1)
        {
            foreach (var (name, page) in sheets.Where(s => s.Page.Blocks.Count > 0))
            {
                page.Blocks.Insert(0, OfficeBlocks.Text(BlockType.Title, name, 1));
            }
        }
        return sheets.Select(s => s.Page).ToList();
    }

    private static void Worksheet(OpenXmlElement root, List<string> strings, CellFormats formats, bool date1904, OfficePage page)
    {
        var grid = new SheetGrid();
        var count = 0;
        foreach (var row in root.Child("sheetData")?.Children("row") ?? [])
        {
            var rowIndex = int.TryParse(row.Attr("r"), out var r) ? r - 1 : -1;
            var col = -1;
            foreach (var cell in row.Children("c"))
            {
                var address = cell.Attr("r") is { } reference ? CellAddress.Parse(reference) : null;
                col = address?.Col ?? col + 1;
                var at = address?.Row ?? rowIndex;
                if (at < 0 || ++count > MaxCells)
                {
                    continue;
                }
                grid.Set(at, col, Value(cell, strings, formats, date1904).Trim());
            }
        }
        foreach (var merge in root.Child("mergeCells")?.Children("mergeCell") ?? [])
        {
            if (CellRange.Parse(merge.Attr("ref")) is { } range)
            {
                grid.Merge(range);
            }
        }
        foreach (var region in grid.Regions())
        {
            page.Blocks.Add(Block(grid, region));
        }
    }

    /// <summary>A region as a table; a single filled cell (a sheet's title line, a note) as a paragraph.</summary>
    private static Block Block(SheetGrid grid, CellRange region)
    {
        if (grid.MergeAt(region.Row0, region.Col0) is { } only && only == region || region.Row0 == region.Row1 && region.Col0 == region.Col1)
        {
            return OfficeBlocks.Text(BlockType.Text, grid.Value(region.Row0, region.Col0));
        }
        var rows = new List<IReadOnlyList<OfficeCell>>();
        // A region is as tall and wide as its cells reach; a staircase of cells written to defeat that stops
        // at MaxTableCells positions rather than walking rows × columns.
        var lastRow = (int)Math.Min(region.Row1, region.Row0 + (MaxTableCells / (region.Col1 - region.Col0 + 1)));
        for (var r = region.Row0; r <= lastRow; r++)
        {
            var row = new List<OfficeCell>();
            for (var c = region.Col0; c <= region.Col1; c++)
            {
                if (grid.Covered(r, c))
                {
                    continue;
                }
                var merge = grid.MergeAt(r, c);
                var colSpan = merge is { } m ? Math.Min(m.Col1, region.Col1) - c + 1 : 1;
                var rowSpan = merge is { } n ? Math.Min(n.Row1, lastRow) - r + 1 : 1;
                row.Add(new OfficeCell(grid.Value(r, c), colSpan, rowSpan));
            }
            rows.Add(row);
        }
        return OfficeBlocks.Table(HtmlTable.Write(rows, 0));
    }

    private static string Value(OpenXmlElement cell, List<string> strings, CellFormats formats, bool date1904)
    {
        var raw = cell.Child("v")?.InnerText;
        switch (cell.Attr("t"))
        {
            case "s":
                return int.TryParse(raw, out var index) && index >= 0 && index < strings.Count ? strings[index] : "";
            case "inlineStr":
                return cell.Child("is") is { } inline ? RichText(inline) : raw ?? "";
            case "b":
                return raw == "1" ? "TRUE" : raw == "0" ? "FALSE" : raw ?? "";
            case "str" or "e" or "d":
                return raw ?? "";
            default:
                if (raw is null || !double.TryParse(raw, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number))
                {
                    return raw ?? "";
                }
                return NumberFormat.Format(number, formats.Code(cell.Attr("s")), date1904);
        }
    }

    private static List<string> SharedStrings(WorkbookPart workbook) =>
        workbook.SharedStringTablePart?.SharedStringTable?.Children("si").Select(RichText).ToList() ?? [];

    /// <summary>A string item's text: its runs' text, phonetic guides (rPh) left out.</summary>
    private static string RichText(OpenXmlElement item) =>
        string.Concat(item.ChildElements.SelectMany(e => e.LocalName == "t" ? [e] : e.LocalName == "r" ? e.Children("t") : []).Select(t => t.InnerText));

    private static string ChartTitle(OpenXmlElement? chartSpace) =>
        chartSpace?.Child("chart")?.Child("title") is { } title
            ? string.Concat(title.Descendants().Where(d => d.LocalName == "t").Select(t => t.InnerText)).Trim()
            : "";
}
