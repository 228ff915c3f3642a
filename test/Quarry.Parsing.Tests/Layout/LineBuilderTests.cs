using Quarry.Parsing.Layout;
using Quarry.Parsing.Readers;

namespace Quarry.Parsing.Tests.Layout;

public class LineBuilderTests
{
    [Fact]
    public void Rows_split_at_a_column_gutter_but_not_at_word_spaces()
    {
        var words = new List<Word>();
        for (var i = 0; i < 20; i++)
        {
            words.AddRange(Words.Line("left column text here ok", 50, 100 + i * 12));
            words.AddRange(Words.Line("right column words too", 320, 100 + i * 12));
        }
        var rows = RowGrouper.Group(words);
        var gutters = ColumnGutters.Find(rows, 612);
        var gutter = Assert.Single(gutters);
        Assert.InRange(gutter.Center, 170, 320);
        var lines = LineBuilder.Build(rows, gutters);
        Assert.Equal(40, lines.Count);
        Assert.Contains(lines, l => l.Text == "left column text here ok");
    }

    [Fact]
    public void Superscripts_join_their_row()
    {
        var words = Words.Line("E = mc", 100, 100);
        words.AddRange(Words.Line("2", 135, 96, size: 7));
        Assert.Single(RowGrouper.Group(words));
    }
}
