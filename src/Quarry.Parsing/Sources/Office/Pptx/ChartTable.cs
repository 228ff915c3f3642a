using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using Quarry.Core.Model;

namespace Quarry.Parsing.Sources.Office.Pptx;

/// <summary>
/// A chart as what it shows: its title as the caption and its cached series data as a table, categories down
/// the first column and one column per series. A chart without cached data gives only its title.
/// </summary>
internal static class ChartTable
{
    public static Block? Read(ChartPart chart)
    {
        var root = chart.ChartSpace?.Child("chart");
        if (root is null)
        {
            return null;
        }
        var title = root.Child("title") is { } t ? string.Concat(t.Descendants().Where(d => d.LocalName == "t").Select(d => d.InnerText)).Trim() : "";
        var series = root.Child("plotArea")?.ContentDescendants().Where(e => e.LocalName == "ser").ToList() ?? [];
        if (series.Count == 0)
        {
            return title.Length > 0 ? OfficeBlocks.Text(BlockType.Text, title) : null;
        }
        var names = series.Select(s => Points(s.Child("tx")).FirstOrDefault().Value ?? "").ToList();
        var categories = Points(series[0].Child("cat") ?? series[0].Child("xVal"));
        var values = series.Select(s => Points(s.Child("val") ?? s.Child("yVal"))).ToList();
        var count = Math.Max(categories.Count == 0 ? 0 : categories.Keys.Max() + 1, values.Select(v => v.Count == 0 ? 0 : v.Keys.Max() + 1).DefaultIfEmpty(0).Max());
        var rows = new List<IReadOnlyList<OfficeCell>> { new[] { new OfficeCell("") }.Concat(names.Select(n => new OfficeCell(n))).ToList() };
        for (var i = 0; i < Math.Min(count, 10_000); i++)
        {
            rows.Add(new[] { new OfficeCell(categories.GetValueOrDefault(i, "")) }.Concat(values.Select(v => new OfficeCell(v.GetValueOrDefault(i, "")))).ToList());
        }
        var block = OfficeBlocks.Table(HtmlTable.Write(rows, 1));
        if (title.Length > 0)
        {
            block.Captions.Add(title);
        }
        return block;
    }

    /// <summary>The cached points of a reference (strCache/numCache/strLit/numLit, or a literal v) by index.</summary>
    private static Dictionary<int, string> Points(OpenXmlElement? reference)
    {
        var points = new Dictionary<int, string>();
        if (reference is null)
        {
            return points;
        }
        foreach (var pt in reference.Descendants().Where(d => d.LocalName == "pt"))
        {
            if (int.TryParse(pt.Attr("idx"), out var idx))
            {
                points[idx] = pt.Child("v")?.InnerText ?? "";
            }
        }
        if (points.Count == 0 && reference.Child("v") is { } v)
        {
            points[0] = v.InnerText;
        }
        return points;
    }
}
