// Image-library comparison for OCR pre-processing: the work Quarry does per scanned page with SkiaSharp
// decode + its own C# gray resize/crop, against OpenCvSharp (ImDecode, Resize, ROI) on the same PNG pages.
// Per page: decode a 200-dpi gray PNG, resize to the detector's input (longest side 1600), cut 60 line crops
// and resize each to height 48. Prints one JSON line per library: ms per page (best of --repeat passes).
// usage: Quarry.ImagingBench [--repeat N] PNG...
using System.Diagnostics;
using OpenCvSharp;
using Quarry.Parsing.Imaging;

var repeat = 3;
var files = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--repeat") repeat = int.Parse(args[++i]);
    else files.Add(args[i]);
}
var pages = files.Select(File.ReadAllBytes).ToList();

double Best(Action<byte[]> perPage)
{
    var best = double.MaxValue;
    for (var r = 0; r < repeat + 1; r++) // the first pass warms up (JIT, native loads) and is not counted
    {
        var clock = Stopwatch.StartNew();
        foreach (var p in pages) perPage(p);
        if (r > 0) best = Math.Min(best, clock.Elapsed.TotalMilliseconds / pages.Count);
    }
    return best;
}

static (int W, int H) DetectorSize(int w, int h)
{
    var s = Math.Min(1.0, 1600.0 / Math.Max(w, h));
    return (Math.Max(32, (int)Math.Round(w * s / 32) * 32), Math.Max(32, (int)Math.Round(h * s / 32) * 32));
}

// 60 line-shaped crops spread down the page, 70% of its width, 1/80 of its height.
static IEnumerable<(int X, int Y, int W, int H)> Lines(int w, int h) =>
    Enumerable.Range(0, 60).Select(i => (w / 10, (h / 64) * (i + 2), w * 7 / 10, Math.Max(8, h / 80)));

var skia = Best(bytes =>
{
    var img = GrayImage.Decode(bytes);
    var (dw, dh) = DetectorSize(img.Width, img.Height);
    _ = img.Resize(dw, dh);
    foreach (var (x, y, w, h) in Lines(img.Width, img.Height))
    {
        var crop = img.Crop(x, y, w, h);
        _ = crop.Resize(Math.Max(8, 48 * w / h), 48);
    }
});

var opencv = Best(bytes =>
{
    using var img = Cv2.ImDecode(bytes, ImreadModes.Grayscale);
    var (dw, dh) = DetectorSize(img.Width, img.Height);
    using var det = new Mat();
    Cv2.Resize(img, det, new Size(dw, dh), 0, 0, InterpolationFlags.Linear);
    foreach (var (x, y, w, h) in Lines(img.Width, img.Height))
    {
        using var crop = new Mat(img, new Rect(x, y, w, h));
        using var line = new Mat();
        Cv2.Resize(crop, line, new Size(Math.Max(8, 48 * w / h), 48), 0, 0, InterpolationFlags.Linear);
    }
});

Console.WriteLine($"{{\"library\": \"SkiaSharp + C# gray ops\", \"pages\": {pages.Count}, \"ms_per_page\": {skia:F1}}}");
Console.WriteLine($"{{\"library\": \"OpenCvSharp4\", \"pages\": {pages.Count}, \"ms_per_page\": {opencv:F1}}}");
