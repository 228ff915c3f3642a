using Quarry.Parsing.Readers.Model;
using Quarry.Parsing.Readers.Model.Vlm;

namespace Quarry.Parsing.Tests.Readers.Model.Vlm;

/// <summary>Image preparation against what PIL (mineru-vl-utils' library) makes of the same page (Fixtures/make_pil_reference.py).</summary>
public sealed class VlmImagesTests
{
    private static RgbImage Load(string name) => RgbImage.Decode(File.ReadAllBytes(ChatServer.Fixture(name)));

    /// <summary>Largest per-channel difference, and the share of channels differing by more than 2.</summary>
    private static (int Max, double Off) Compare(RgbImage expected, RgbImage actual)
    {
        Assert.Equal((expected.Width, expected.Height), (actual.Width, actual.Height));
        var max = 0;
        var off = 0;
        for (var i = 0; i < expected.Pixels.Length; i++)
        {
            var d = Math.Abs(expected.Pixels[i] - actual.Pixels[i]);
            max = Math.Max(max, d);
            off += d > 2 ? 1 : 0;
        }
        return (max, (double)off / expected.Pixels.Length);
    }

    [Fact]
    public void Layout_image_is_pils_bicubic_resize_to_1036_square()
    {
        var layout = VlmImages.Layout(Load("page.png"));

        var (max, off) = Compare(Load("pil_layout.png"), layout);

        Assert.Equal((1036, 1036), (layout.Width, layout.Height));
        // Byte for byte what PIL 9.4 gives.
        Assert.True(max == 0 && off == 0, $"max channel difference {max}, {off:P3} over 2");
    }

    [Fact]
    public void Crops_come_from_the_full_render_rotated_counter_clockwise_with_expand()
    {
        var block = new ModelOutputBlock { Type = "text", X0 = 0.1, Y0 = 0.2, X1 = 0.45, Y1 = 0.3, Angle = 90 };

        var crop = VlmImages.Crop(Load("page.png"), block)!;

        Assert.Equal((110, 595), (crop.Width, crop.Height));
        Assert.Equal((0, 0.0), Compare(Load("pil_crop_rot90.png"), crop));
    }

    [Fact]
    public void Thin_crops_are_padded_to_50_to_1_then_upscaled_to_a_28_pixel_short_edge()
    {
        var thin = Load("page.png").Crop(100, 80, 400, 85);

        var prepared = VlmImages.ResizeByNeed(thin);

        // 300×5 is 60:1 → padded to 300×6, then ×28/6 → 1400×28 (ceil).
        Assert.Equal((1400, 28), (prepared.Width, prepared.Height));
        var (max, _) = Compare(Load("pil_thin_upscaled.png"), prepared);
        Assert.True(max == 0, $"max channel difference {max}");
    }

    [Theory]
    [InlineData(180, 4, 2)]
    [InlineData(270, 2, 4)]
    public void Rotations_match_pil_transposes(int angle, int width, int height)
    {
        // 4×2 image numbered 0..7 in the red channel.
        var image = new RgbImage(4, 2);
        for (var i = 0; i < 8; i++)
        {
            image.Pixels[i * 3] = (byte)i;
        }

        var turned = image.RotateCounterClockwise(angle);

        Assert.Equal((width, height), (turned.Width, turned.Height));
        var reds = Enumerable.Range(0, 8).Select(i => (int)turned.Pixels[i * 3]).ToArray();
        // PIL: rotate(180) reverses; rotate(270) is ROTATE_270 (clockwise): first row = first column read bottom-up.
        Assert.Equal(angle == 180 ? [7, 6, 5, 4, 3, 2, 1, 0] : new[] { 4, 0, 5, 1, 6, 2, 7, 3 }, reds);
    }

    [Fact]
    public void Png_out_is_opaque_rgb()
    {
        var png = new RgbImage(3, 3).EncodePng();

        // IHDR colour type at byte 25: 2 = truecolour without alpha, as PIL writes an RGB image.
        Assert.Equal(2, png[25]);
    }
}
