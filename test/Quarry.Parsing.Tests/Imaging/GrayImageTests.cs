using Quarry.Parsing.Imaging;

namespace Quarry.Parsing.Tests.Imaging;

public class GrayImageTests
{
    [Fact]
    public void A_fax_page_is_bilevel_and_smoothing_gives_its_edges_gray_ramps()
    {
        // Left half black, right half white: a hard edge as CCITT pages have.
        var pixels = new byte[8 * 4];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)(i % 8 < 4 ? 0 : 255);
        }
        var fax = new GrayImage(8, 4, pixels);
        Assert.True(fax.IsBilevel());

        var soft = fax.Smooth();
        Assert.False(soft.IsBilevel());
        Assert.Equal(0, soft[1, 2]);       // inside the black stays black
        Assert.Equal(255, soft[6, 2]);     // inside the white stays white
        Assert.InRange(soft[3, 2], 40, 100);  // the edge becomes a ramp: 1/4 white
        Assert.InRange(soft[4, 2], 160, 220); // 3/4 white
    }

    [Fact]
    public void Rotating_by_180_degrees_twice_gives_the_same_image()
    {
        var img = new GrayImage(3, 2, [1, 2, 3, 4, 5, 6]);
        Assert.Equal([6, 5, 4, 3, 2, 1], img.Rotate180().Pixels);
        Assert.Equal(img.Pixels, img.Rotate180().Rotate180().Pixels);
    }
}
