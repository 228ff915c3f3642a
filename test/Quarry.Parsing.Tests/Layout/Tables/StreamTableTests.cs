using System.Text;
using Quarry.Core.Writers;
using Quarry.Parsing.Pipeline;
using Quarry.Tests.Shared;

namespace Quarry.Parsing.Tests.Layout.Tables;

/// <summary>
/// Borderless tables (no rules, only aligned text) become tables; prose in columns, lists with hanging
/// indents and contents pages, which also line up, stay text.
/// </summary>
public class StreamTableTests
{
    private const string Prose = "The committee reviewed the figures below before the annual meeting and noted each difference.";

    [Fact]
    public void An_unruled_table_with_a_header_is_one_table_with_every_cell()
    {
        string[][] table =
        [
            ["Country", "Capital", "Population", "Area"],
            ["Norway", "Oslo", "5.4", "385"],
            ["Peru", "Lima", "33.7", "1285"],
            ["Egypt", "Cairo", "104.3", "1010"],
            ["Ghana", "Accra", "32.8", "239"],
        ];
        var md = Parse(TestPdf.Text(Prose, 740) + Grid(table, 72, 700, [0, 90, 170, 260]) + TestPdf.Text(Prose, 560));
        Assert.Equal(1, RuledGridTests.Count(md, "<table>"));
        foreach (var row in table)
        {
            Assert.Contains(GridPdf.Row(row), md);
        }
        Assert.Equal(2, RuledGridTests.Count(md, "committee reviewed")); // the prose around it stays prose
    }

    [Fact]
    public void A_table_whose_only_rule_is_under_its_header_is_found_with_that_row_as_header()
    {
        string[][] table =
        [
            ["Parameter", "Symbol", "Value", "Unit"],
            ["Density", "p", "997", "kg/m3"],
            ["Specific heat", "c", "4.18", "kJ/kgK"],
            ["Viscosity", "m", "0.89", "mPas"],
        ];
        var rule = "0.5 w 70 693 m 380 693 l S\n";
        var md = Parse(Grid(table, 72, 700, [0, 100, 180, 260]) + rule);
        Assert.Contains(GridPdf.Row(table[0], "th"), md);
        Assert.Contains(GridPdf.Row(table[2]), md);
    }

    [Fact]
    public void A_cell_wrapped_onto_a_second_line_stays_in_its_row()
    {
        string[][] table =
        [
            ["Item", "Qty", "Price", "Total"],
            ["Copper wire", "12", "1.50", "18.00"],
            ["Steel bolts", "40", "0.20", "8.00"],
            ["Glue", "2", "3.10", "6.20"],
        ];
        // The second line of "Copper wire, assorted" sits tight under its first line, in column one only.
        var content = Grid(table, 72, 700, [0, 130, 200, 270]) + GridPdf.Word("assorted", 84, 672);
        var md = Parse(content);
        Assert.Equal(1, RuledGridTests.Count(md, "<table>"));
        Assert.Contains("<td>Copper wire assorted</td><td>12</td>", md);
    }

    [Fact]
    public void Two_unruled_tables_side_by_side_are_two_tables()
    {
        string[][] left =
        [
            ["Code", "Stock", "Price"],
            ["A12", "140", "2.50"],
            ["B07", "95", "1.20"],
            ["C33", "310", "0.75"],
            ["D41", "58", "9.90"],
        ];
        var right = left.Select((r, i) => i == 0 ? r : r.Select(c => "x" + c).ToArray()).ToArray();
        var md = Parse(Grid(left, 72, 700, [0, 50, 100]) + Grid(right, 300, 700, [0, 50, 100]));
        Assert.Equal(2, RuledGridTests.Count(md, "<table>"));
        Assert.Contains(GridPdf.Row(left[3]), md);
        Assert.Contains(GridPdf.Row(right[3]), md);
    }

    [Fact]
    public void Two_columns_of_prose_stay_paragraphs()
    {
        var sb = new StringBuilder();
        string[] left = ["Quarry reads the text layer of", "a page and groups its words", "into lines, then lines into", "blocks of one kind each, and", "orders the blocks for reading."];
        string[] right = ["Tables are found from rules", "or from how words line up;", "prose in two columns lines up", "too, at its gutter, yet every", "line of it holds many words."];
        for (var i = 0; i < left.Length; i++)
        {
            sb.Append(GridPdf.Word(left[i], 72, 700 - i * 14)).Append(GridPdf.Word(right[i], 320, 700 - i * 14));
        }
        Assert.DoesNotContain("<table>", Parse(sb.ToString()));
    }

    [Fact]
    public void Three_columns_of_short_prose_lines_stay_paragraphs()
    {
        var sb = new StringBuilder();
        string[][] lines =
        [
            ["The board met on", "in the spring and", "set the budget for"],
            ["Monday to agree", "the members voted", "the coming year at"],
            ["on the plan for the", "to adopt the new", "a level the staff"],
            ["new library wing", "rules without any", "had asked for in"],
        ];
        for (var i = 0; i < lines.Length; i++)
        {
            for (var c = 0; c < 3; c++)
            {
                sb.Append(GridPdf.Word(lines[i][c], 72 + c * 160, 700 - i * 14));
            }
        }
        Assert.DoesNotContain("<table>", Parse(sb.ToString()));
    }

    [Fact]
    public void A_numbered_list_with_hanging_indents_stays_a_list()
    {
        var sb = new StringBuilder();
        string[] items = ["Open the valve", "Read the gauge", "Close the valve", "Write down the value"];
        for (var i = 0; i < items.Length; i++)
        {
            sb.Append(GridPdf.Word($"{i + 1}.", 72, 700 - i * 14)).Append(GridPdf.Word(items[i], 100, 700 - i * 14));
        }
        Assert.DoesNotContain("<table>", Parse(sb.ToString()));
    }

    [Fact]
    public void A_contents_page_stays_text_with_or_without_leaders()
    {
        string[][] entries = [["1", "Introduction", "3"], ["2", "Methods", "7"], ["3", "Results", "12"], ["4", "Discussion", "20"], ["5", "Conclusion", "24"]];
        var bare = Grid(entries, 72, 700, [0, 40, 400]);
        Assert.DoesNotContain("<table>", Parse(bare));
        var sb = new StringBuilder();
        for (var i = 0; i < entries.Length; i++)
        {
            sb.Append(GridPdf.Word(entries[i][0], 72, 700 - i * 14)).Append(GridPdf.Word(entries[i][1], 112, 700 - i * 14))
                .Append(GridPdf.Word(". . . . . . . . . .", 250, 700 - i * 14)).Append(GridPdf.Word(entries[i][2], 472, 700 - i * 14));
        }
        Assert.DoesNotContain("<table>", Parse(sb.ToString()));
    }

    private static string Parse(string content)
    {
        var pdf = new TestPdf().AddPage(content).ToBytes();
        return MarkdownWriter.Write(DocumentParser.Parse(pdf, "stream", "txt", new ParseOptions()));
    }

    /// <summary>Cells at the given column offsets from x, one row every 20 pt down from top; empty cells are skipped.</summary>
    private static string Grid(string[][] rows, double x, double top, double[] offsets)
    {
        var sb = new StringBuilder();
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < rows[r].Length; c++)
            {
                if (rows[r][c].Length > 0)
                {
                    sb.Append(GridPdf.Word(rows[r][c], x + offsets[c], top - r * 20));
                }
            }
        }
        return sb.ToString();
    }
}
