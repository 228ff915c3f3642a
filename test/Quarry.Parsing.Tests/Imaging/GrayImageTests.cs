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

    [Fact]
    public void A_quarter_turn_clockwise_moves_the_left_column_to_the_top_row()
    {
        var img = new GrayImage(3, 2, [1, 2, 3, 4, 5, 6]);
        var turned = img.RotateClockwise();
        Assert.Equal((2, 3), (turned.Width, turned.Height));
        Assert.Equal([4, 1, 5, 2, 6, 3], turned.Pixels);
        Assert.Equal(img.Pixels, turned.RotateClockwise().RotateClockwise().RotateClockwise().Pixels);
    }

    [Fact]
    public void A_binary_pgm_decodes_to_its_samples_past_a_header_comment()
    {
        var pgm = System.Text.Encoding.ASCII.GetBytes("P5\n# made by hand\n3 2\n255\n").Concat(new byte[] { 0, 10, 20, 30, 40, 255 }).ToArray();
        var image = GrayImage.DecodePgm(pgm);
        Assert.Equal((3, 2), (image.Width, image.Height));
        Assert.Equal([0, 10, 20, 30, 40, 255], image.Pixels);
    }

    [Theory]
    [InlineData("P6\n1 1\n255\n", "not a binary PGM")] // a colour PPM
    [InlineData("P5\n4 4\n255\n", "truncated")]
    [InlineData("P5\n1 1\n65535\n", "8-bit")]
    [InlineData("P5\nx 1\n255\n", "header is damaged")]
    [InlineData("P5\n99999999999 1\n255\n", "header is damaged")]
    public void A_damaged_or_unsupported_pgm_is_refused_as_unsupported(string header, string why)
    {
        var data = System.Text.Encoding.ASCII.GetBytes(header).Concat(new byte[3]).ToArray();
        var ex = Assert.Throws<Quarry.Parsing.Errors.ParseException>(() => GrayImage.DecodePgm(data));
        Assert.Equal(Quarry.Parsing.Errors.ErrorCode.UnsupportedFormat, ex.Code);
        Assert.Contains(why, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pgm_past_the_pixel_limit_is_refused_before_its_samples_are_read()
    {
        var pgm = System.Text.Encoding.ASCII.GetBytes("P5\n20000 20000\n255\n");
        var ex = Assert.Throws<Quarry.Parsing.Errors.ParseException>(() => GrayImage.DecodePgm(pgm, maxPixels: 1_000_000));
        Assert.Equal(Quarry.Parsing.Errors.ErrorCode.InputTooLarge, ex.Code);
    }
}
