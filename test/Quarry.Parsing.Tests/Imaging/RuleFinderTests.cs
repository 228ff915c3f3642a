using Quarry.Parsing.Imaging;

namespace Quarry.Parsing.Tests.Imaging;

public class RuleFinderTests
{
    private static GrayImage Blank(int w, int h) => new(w, h, Enumerable.Repeat((byte)250, w * h).ToArray());

    private static void Fill(GrayImage image, int x0, int y0, int x1, int y1, byte value = 30)
    {
        for (var y = y0; y < y1; y++)
        {
            for (var x = x0; x < x1; x++)
            {
                image.Pixels[(y * image.Width) + x] = value;
            }
        }
    }

    [Fact]
    public void Finds_horizontal_and_vertical_rules_and_ignores_text_and_blobs()
    {
        var page = Blank(600, 400);
        Fill(page, 50, 40, 550, 43);    // a 3-px top rule
        Fill(page, 50, 300, 550, 301);  // a hairline bottom rule
        Fill(page, 300, 60, 302, 280);  // a vertical column rule
        for (var x = 60; x < 540; x += 12)
        {
            Fill(page, x, 100, x + 8, 112); // "text": glyph-sized marks with gaps
        }
        Fill(page, 360, 150, 520, 250); // a photo-like dark block: too thick to be a rule
        page.Pixels[(300 * 600) + 200] = 250; // a one-pixel dropout inside the hairline

        var rules = RuleFinder.Find(page, 50);

        Assert.Equal(3, rules.Count);
        Assert.Contains(new ImageRule(50, 40, 550, 43, true), rules);
        Assert.Contains(new ImageRule(50, 300, 550, 301, true), rules);
        Assert.Contains(rules, r => !r.Horizontal && r.X0 == 300 && r.X1 == 302 && r.Y0 == 60 && r.Y1 == 280);
        Assert.DoesNotContain(rules, r => r.Horizontal && r.Y0 is >= 100 and < 260);
    }
}
