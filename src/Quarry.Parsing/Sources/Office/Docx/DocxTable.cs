using DocumentFormat.OpenXml;

namespace Quarry.Parsing.Sources.Office.Docx;

/// <summary>
/// A Word table to HTML: <c>w:gridSpan</c> is a colspan; a <c>w:vMerge</c> run (restart, then continue cells
/// below) is one cell with a rowspan; rows marked <c>w:tblHeader</c> at the top are the header. A cell's
/// paragraphs are joined by spaces; a nested table's text joins its cell's.
/// </summary>
internal static class DocxTable
{
    public static string Html(OpenXmlElement table, Func<OpenXmlElement, string> paragraphText)
    {
        var rows = new List<List<OfficeCell>>();
        // For each grid column, the row and cell index of the cell a vertical merge continues.
        var open = new Dictionary<int, (int Row, int Cell)>();
        var headerRows = 0;
        var counting = true;
        foreach (var tr in table.Content().Where(e => e.LocalName == "tr"))
        {
            var row = new List<OfficeCell>();
            var column = int.TryParse(tr.Child("trPr")?.Child("gridBefore")?.Attr("val"), out var before) ? before : 0;
            foreach (var tc in Cells(tr))
            {
                var pr = tc.Child("tcPr");
                var span = int.TryParse(pr?.Child("gridSpan")?.Attr("val"), out var s) && s > 1 ? s : 1;
                var vMerge = pr?.Child("vMerge");
                if (vMerge is not null && vMerge.Attr("val") is null or "continue" && open.TryGetValue(column, out var origin))
                {
                    var cell = rows[origin.Row][origin.Cell];
                    rows[origin.Row][origin.Cell] = cell with { RowSpan = cell.RowSpan + 1 };
                }
                else
                {
                    row.Add(new OfficeCell(CellText(tc, paragraphText), span));
                    if (vMerge?.Attr("val") == "restart")
                    {
                        open[column] = (rows.Count, row.Count - 1);
                    }
                    else
                    {
                        open.Remove(column);
                    }
                }
                column += span;
            }
            counting &= tr.Child("trPr")?.Child("tblHeader").IsOn() == true;
            if (counting)
            {
                headerRows++;
            }
            rows.Add(row);
        }
        return HtmlTable.Write(rows, headerRows);
    }

    /// <summary>A row's cells, content controls around cells unwrapped.</summary>
    private static IEnumerable<OpenXmlElement> Cells(OpenXmlElement row)
    {
        foreach (var e in row.Content())
        {
            if (e.LocalName == "tc")
            {
                yield return e;
            }
            else if (e.LocalName is "sdt" or "customXml" && (e.Child("sdtContent") ?? e) is { } inner)
            {
                foreach (var tc in Cells(inner))
                {
                    yield return tc;
                }
            }
        }
    }

    private static string CellText(OpenXmlElement cell, Func<OpenXmlElement, string> paragraphText) =>
        string.Join(" ", cell.ContentDescendants().Where(e => e.LocalName == "p" && !InsideTextBox(e, cell)).Select(paragraphText).Where(t => t.Length > 0));

    private static bool InsideTextBox(OpenXmlElement p, OpenXmlElement cell)
    {
        for (var e = p.Parent; e is not null && e != cell; e = e.Parent)
        {
            if (e.LocalName == "txbxContent")
            {
                return true;
            }
        }
        return false;
    }
}
