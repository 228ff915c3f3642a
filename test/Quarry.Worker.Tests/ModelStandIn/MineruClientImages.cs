using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SkiaSharp;

namespace Quarry.Worker.Tests.ModelStandIn;

/// <summary>
/// The images and bodies mineru-vl-utils sends, made the way it makes them (protocol notes): the page rendered
/// at 200 dpi by poppler (not the stand-in's own render), resized to 1036×1036 ignoring aspect for layout,
/// cropped at a layout box × the render's size for content, PNG in a data URL, with MinerU's sampling fields.
/// </summary>
internal static partial class MineruClientImages
{
    public static List<SKBitmap> RenderPages(string pdf)
    {
        var dir = Directory.CreateTempSubdirectory("standin-client-");
        try
        {
            using var p = Process.Start(new ProcessStartInfo("pdftoppm", ["-r", "200", "-png", pdf, Path.Combine(dir.FullName, "p")]))!;
            p.WaitForExit();
            return [.. Directory.GetFiles(dir.FullName).Order(StringComparer.Ordinal).Select(f => SKBitmap.Decode(f))];
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    public static byte[] LayoutImage(SKBitmap page)
    {
        using var surface = SKSurface.Create(new SKImageInfo(1036, 1036));
        using var image = SKImage.FromBitmap(page);
        surface.Canvas.DrawImage(image, new SKRect(0, 0, 1036, 1036), new SKSamplingOptions(SKCubicResampler.CatmullRom));
        using var snapshot = surface.Snapshot();
        using var png = snapshot.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary>The crop of a 0–1000 box, as the client cuts it: fractions × the render's size.</summary>
    public static byte[] Crop(SKBitmap page, int[] permille)
    {
        using var image = SKImage.FromBitmap(page);
        var rect = new SKRectI(
            (int)Math.Round(permille[0] / 1000.0 * page.Width), (int)Math.Round(permille[1] / 1000.0 * page.Height),
            (int)Math.Round(permille[2] / 1000.0 * page.Width), (int)Math.Round(permille[3] / 1000.0 * page.Height));
        using var crop = image.Subset(rect);
        using var png = crop.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    public static JsonObject Body(string model, byte[] png, string prompt, double presence = 0, double frequency = 0) => new()
    {
        ["model"] = model,
        ["messages"] = new JsonArray(
            new JsonObject { ["role"] = "system", ["content"] = "You are a helpful assistant." },
            new JsonObject
            {
                ["role"] = "user",
                ["content"] = new JsonArray(
                    new JsonObject { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = "data:image/png;base64," + Convert.ToBase64String(png) } },
                    new JsonObject { ["type"] = "text", ["text"] = prompt }),
            }),
        ["temperature"] = 0.0,
        ["top_p"] = 0.01,
        ["top_k"] = 1,
        ["repetition_penalty"] = 1.0,
        ["presence_penalty"] = presence,
        ["frequency_penalty"] = frequency,
        ["vllm_xargs"] = new JsonObject { ["no_repeat_ngram_size"] = 100, ["debug"] = false },
        ["skip_special_tokens"] = false,
    };

    [GeneratedRegex(@"<\|box_start\|>(\d+) (\d+) (\d+) (\d+)<\|box_end\|><\|ref_start\|>(\w+)<\|ref_end\|>")]
    private static partial Regex LayoutToken();

    public static List<(int[] Box, string Label)> ParseLayout(string answer) =>
        [.. LayoutToken().Matches(answer).Select(m => (
            new[] { Int(m.Groups[1]), Int(m.Groups[2]), Int(m.Groups[3]), Int(m.Groups[4]) }, m.Groups[5].Value))];

    private static int Int(Group g) => int.Parse(g.Value, CultureInfo.InvariantCulture);
}
