using Quarry.Core.Model;
using Quarry.Parsing.Layout;
using Quarry.Parsing.Readers;

namespace Quarry.Parsing.Tests.Layout;

public class TableDetectorTests
{
    private static Ruling Rule(double y, double x0 = 100, double x1 = 400) => new(new BoundingBox(x0, y, x1, y + 0.5), Horizontal: true);

    private static List<Word> Row(double baseline, params string[] cells)
    {
        var words = new List<Word>();
        for (var i = 0; i < cells.Length; i++)
        {
            words.AddRange(Words.Line(cells[i], 105 + i * 100, baseline));
        }
        return words;
    }

    [Fact]
    public void Booktabs_table_gets_header_and_body_cells()
    {
        var words = Row(112, "Name", "Batch size", "Score").Concat(Row(128, "Alpha", "14.2", "0.9")).Concat(Row(140, "Beta", "3.0", "0.8")).ToList();
        var tables = TableDetector.Detect([Rule(100), Rule(116), Rule(144)], words);
        var table = Assert.Single(tables);
        Assert.Equal(1, table.Data.HeaderRows);
        Assert.Equal(["Name", "Batch size", "Score"], table.Data.Rows[0]);
        Assert.Equal(["Beta", "3.0", "0.8"], table.Data.Rows[2]);
        Assert.Equal(words.Count, table.Words.Count);
    }

    [Fact]
    public void A_table_cut_by_the_page_end_takes_the_rows_after_its_last_rule()
    {
        var words = Row(112, "Name", "Value").Concat(Row(128, "a", "1")).Concat(Row(140, "b", "2")).Concat(Row(152, "c", "3")).ToList();
        var table = Assert.Single(TableDetector.Detect([Rule(100), Rule(116)], words));
        Assert.Equal(4, table.Data.Rows.Count);
    }

    [Fact]
    public void A_lone_rule_under_a_header_line_is_not_a_table()
    {
        var words = Words.Line("Running head", 100, 40).Concat(Words.Line("Confidential", 330, 40)).ToList();
        Assert.Empty(TableDetector.Detect([Rule(45)], words));
    }

    [Fact]
    public void Paragraph_between_two_rules_of_equal_width_is_not_a_table()
    {
        var words = Words.Line("A long paragraph line that runs well past the rules on both sides of the page text", 50, 120);
        Assert.Empty(TableDetector.Detect([Rule(100), Rule(140)], words));
    }
}
