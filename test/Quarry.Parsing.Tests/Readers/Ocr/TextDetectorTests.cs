using Quarry.Parsing.Readers.Ocr;

namespace Quarry.Parsing.Tests.Readers.Ocr;

public class TextDetectorTests
{
    private static TextDetector.Kernel K(double x0, double y0, double x1, double y1) => new(x0, y0, x1, y1, 0.9f);

    [Fact]
    public void A_line_end_hyphen_joins_the_line_on_its_left_never_the_next_column()
    {
        var left = K(127, 248, 609, 260);    // a column-1 line
        var hyphen = K(612, 250, 627, 254);  // its break hyphen, a separate small kernel in the gutter
        var right = K(631, 242, 1110, 253);  // the column-2 line on the same row
        var lines = TextDetector.AttachMarks([right, hyphen, left]);
        Assert.Equal(2, lines.Count);
        Assert.Equal(627, left.X1);          // the hyphen is now inside the column-1 line
        Assert.Equal(631, right.X0);         // column 2 untouched
        Assert.Contains(right, lines);
    }

    [Fact]
    public void Same_height_neighbours_and_distant_marks_stay_apart()
    {
        var a = K(100, 100, 300, 112);
        var b = K(305, 100, 500, 112);      // a word of the same height: not a mark
        var speck = K(560, 104, 564, 108);  // far past the line's end (more than one line height)
        var lines = TextDetector.AttachMarks([a, b, speck]);
        Assert.Equal(3, lines.Count);
        Assert.Equal(300, a.X1);
        Assert.Equal(500, b.X1);
    }
}
