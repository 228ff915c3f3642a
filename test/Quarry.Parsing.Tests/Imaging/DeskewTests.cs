using Quarry.Parsing.Imaging;

namespace Quarry.Parsing.Tests.Imaging;

public class DeskewTests
{
    /// <summary>A white page with rows of dark dashes, like lines of text.</summary>
    private static GrayImage Page()
    {
        const int w = 800, h = 600;
        var pixels = Enumerable.Repeat((byte)255, w * h).ToArray();
        for (var row = 60; row < h - 60; row += 30)
        {
            for (var y = row; y < row + 8; y++)
            {
                for (var x = 80; x < w - 80; x++)
                {
                    if (x % 40 < 30)
                    {
                        pixels[(y * w) + x] = 20;
                    }
                }
            }
        }
        return new GrayImage(w, h, pixels);
    }

    /// <summary>Mean ink row of the dark pixels in a column band: equal at both ends when the rows are level.</summary>
    private static double InkRow(GrayImage image, int x0, int x1, int y0, int y1)
    {
        double sum = 0;
        var n = 0;
        for (var y = y0; y < y1; y++)
        {
            for (var x = x0; x < x1; x++)
            {
                if (image[x, y] < 128)
                {
                    sum += y;
                    n++;
                }
            }
        }
        return sum / n;
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-0.7)]
    public void A_turned_page_is_measured_and_straightened(double degrees)
    {
        var turned = Deskew.Rotate(Page(), degrees);
        // The first text row, seen at its left and right ends: skewed before, level after.
        var skew = InkRow(turned, 100, 140, 45, 80) - InkRow(turned, 660, 700, 45, 80);
        Assert.True(Math.Abs(skew) > 5, $"the test page should be visibly turned ({skew:F1} px)");
        Assert.InRange(Deskew.EstimateAngle(turned), degrees - 0.15, degrees + 0.15);
        var straight = Deskew.Straighten(turned);
        Assert.InRange(InkRow(straight, 100, 140, 45, 80) - InkRow(straight, 660, 700, 45, 80), -1.5, 1.5);
    }

    [Fact]
    public void A_level_page_is_left_as_it_is()
    {
        var page = Page();
        Assert.Equal(0, Deskew.EstimateAngle(page), 2);
        Assert.Same(page, Deskew.Straighten(page));
    }
}
