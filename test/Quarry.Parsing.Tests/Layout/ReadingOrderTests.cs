using Quarry.Core.Model;
using Quarry.Parsing.Layout;

namespace Quarry.Parsing.Tests.Layout;

public class ReadingOrderTests
{
    private static List<string> Order(params (string Name, BoundingBox Box)[] items) =>
        ReadingOrder.Sort(items, i => i.Box).Select(i => i.Name).ToList();

    [Fact]
    public void Two_columns_read_left_column_first_even_when_gaps_line_up()
    {
        var order = Order(
            ("title", new(50, 40, 560, 60)),
            ("R1", new(310, 80, 560, 200)),
            ("L1", new(50, 80, 300, 200)),
            // Both columns have white space between 200 and 210.
            ("L2", new(50, 210, 300, 400)),
            ("R2", new(310, 210, 560, 400)));
        Assert.Equal(["title", "L1", "L2", "R1", "R2"], order);
    }

    [Fact]
    public void A_heading_alone_in_its_band_stays_in_its_column()
    {
        var order = Order(
            ("L1", new(50, 80, 300, 200)),
            ("Lh", new(50, 205, 200, 215)),
            ("L2", new(50, 220, 300, 400)),
            ("R1", new(310, 80, 560, 400)),
            ("page", new(290, 760, 320, 770)));
        Assert.Equal(["L1", "Lh", "L2", "R1", "page"], order);
    }

    [Fact]
    public void A_full_width_figure_splits_the_columns_above_and_below()
    {
        var order = Order(
            ("L1", new(50, 80, 300, 200)),
            ("R1", new(310, 80, 560, 200)),
            ("fig", new(50, 210, 560, 400)),
            ("L2", new(50, 410, 300, 600)),
            ("R2", new(310, 410, 560, 600)));
        Assert.Equal(["L1", "R1", "fig", "L2", "R2"], order);
    }

    [Fact]
    public void Single_column_reads_top_to_bottom() =>
        Assert.Equal(["a", "b", "c"], Order(("c", new(50, 300, 560, 320)), ("a", new(50, 100, 560, 120)), ("b", new(60, 200, 500, 220))));

    [Fact]
    public void A_heading_below_a_centred_table_is_not_read_as_a_column_beside_it()
    {
        // Regression: the table band and the heading band share no column structure.
        var order = Order(
            ("table", new(300, 60, 700, 220)),
            ("heading", new(100, 250, 290, 265)),
            ("para", new(100, 275, 700, 400)));
        Assert.Equal(["table", "heading", "para"], order);
    }
}
