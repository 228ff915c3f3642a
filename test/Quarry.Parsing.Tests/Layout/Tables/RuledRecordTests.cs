using Quarry.Core.Writers;
using Quarry.Parsing.Pipeline;
using Quarry.Tests.Shared;

namespace Quarry.Parsing.Tests.Layout.Tables;

/// <summary>
/// Ruled tables whose rules do not stand between every line: cells wrapped over several lines between two
/// rules are one row; rows ruled off in groups stay rows; columns ruled in the header only still divide.
/// </summary>
public class RuledRecordTests
{
    [Fact]
    public void Cells_wrapped_over_several_lines_between_two_rules_are_one_row()
    {
        // Three records, each ruled off; the description wraps over two or three lines.
        var sb = new System.Text.StringBuilder();
        string[][][] records =
        [
            [["Item", "Description", "Qty"]],
            [["A1", "Pickup trucks with", "33"], ["", "four wheel drive"], ["", "and a winch"]],
            [["B2", "Buses of thirty", "2"], ["", "seats for the"], ["", "regional office"]],
            [["C3", "Radar guns", "20"]],
        ];
        var y = 700.0;
        sb.Append(GridPdf.Line(60, y + 14, 400, y + 14));
        foreach (var record in records)
        {
            foreach (var line in record)
            {
                for (var c = 0; c < line.Length; c++)
                {
                    if (line[c].Length > 0)
                    {
                        sb.Append(GridPdf.Word(line[c], 66 + c * 110, y));
                    }
                }
                y -= 12;
            }
            sb.Append(GridPdf.Line(60, y + 8, 400, y + 8));
            y -= 8;
        }
        var md = Parse(sb.ToString());
        Assert.Equal(1, RuledGridTests.Count(md, "<table>"));
        Assert.Contains("<tr><td>A1</td><td>Pickup trucks with four wheel drive and a winch</td><td>33</td></tr>", md);
        Assert.Contains("<tr><td>B2</td><td>Buses of thirty seats for the regional office</td><td>2</td></tr>", md);
        Assert.Contains("<tr><td>C3</td><td>Radar guns</td><td>20</td></tr>", md);
    }

    [Fact]
    public void Full_rows_ruled_off_in_groups_stay_rows_of_their_own()
    {
        var sb = new System.Text.StringBuilder();
        string[][][] groups =
        [
            [["Region", "Sales", "Costs"]],
            [["North", "120", "80"], ["South", "95", "70"], ["East", "60", "41"]],
            [["West", "77", "50"], ["Central", "88", "62"]],
            [["Total", "440", "303"]],
        ];
        var y = 700.0;
        sb.Append(GridPdf.Line(60, y + 14, 400, y + 14));
        foreach (var group in groups)
        {
            foreach (var row in group)
            {
                for (var c = 0; c < row.Length; c++)
                {
                    sb.Append(GridPdf.Word(row[c], 66 + c * 110, y));
                }
                y -= 14;
            }
            sb.Append(GridPdf.Line(60, y + 10, 400, y + 10));
            y -= 8;
        }
        var md = Parse(sb.ToString());
        Assert.Contains("<tr><td>South</td><td>95</td><td>70</td></tr>", md);

        Assert.Contains("<tr><td>Central</td><td>88</td><td>62</td></tr>", md);
        Assert.Contains("<tr><td>Total</td><td>440</td><td>303</td></tr>", md);
    }

    [Fact]
    public void Columns_ruled_in_the_header_only_divide_the_body_too()
    {
        // A label column ruled the full height; the year columns are ruled only across the header, as in
        // many statistical and financial reports.
        var sb = new System.Text.StringBuilder();
        double top = 720, headerRule = 700, bottom = 620;
        sb.Append(GridPdf.Line(60, top, 400, top)).Append(GridPdf.Line(60, headerRule, 400, headerRule)).Append(GridPdf.Line(60, bottom, 400, bottom));
        sb.Append(GridPdf.Line(60, top, 60, bottom)).Append(GridPdf.Line(160, top, 160, bottom)).Append(GridPdf.Line(400, top, 400, bottom));
        foreach (var x in new[] { 220.0, 280, 340 })
        {
            sb.Append(GridPdf.Line(x, top, x, headerRule));
        }
        string[] years = ["2012", "2013", "2014", "2015"];
        for (var c = 0; c < years.Length; c++)
        {
            sb.Append(GridPdf.Word(years[c], 175 + c * 60, 706));
        }
        string[][] body = [["Exports", "2.6", "3.2", "3.0", "4.2"], ["Imports", "0.7", "1.3", "1.1", "2.3"], ["Investment", "-1.7", "1.3", "6.8", "11.6"]];
        for (var r = 0; r < body.Length; r++)
        {
            sb.Append(GridPdf.Word(body[r][0], 66, 686 - r * 16));
            for (var c = 1; c < body[r].Length; c++)
            {
                sb.Append(GridPdf.Word(body[r][c], 175 + (c - 1) * 60, 686 - r * 16));
            }
        }
        var md = Parse(sb.ToString());
        Assert.Contains("<tr><th></th><th>2012</th><th>2013</th><th>2014</th><th>2015</th></tr>", md);
        Assert.Contains("<tr><td>Investment</td><td>-1.7</td><td>1.3</td><td>6.8</td><td>11.6</td></tr>", md);
    }

    private static string Parse(string content)
    {
        var pdf = new TestPdf().AddPage(content).ToBytes();
        return MarkdownWriter.Write(DocumentParser.Parse(pdf, "ruled", "txt", new ParseOptions()));
    }
}
