using Quarry.Core.Model;
using Quarry.Parsing.Pipeline;
using Quarry.Parsing.Errors;
using Quarry.Parsing.Readers.Ocr;
using Quarry.Parsing.Readers.TextLayer;
using Quarry.Parsing.Rasterization;
using SkiaSharp;

namespace Quarry.Parsing.Crops;

/// <summary>
/// Runs after layout and assembly: crops each table and equation from a colour render of its page into a
/// JPEG under images/ and sets the block's <see cref="Block.ImageName"/>, as MinerU does, so readers that
/// show them as pictures find one. Only pages holding such a block are rendered. A page whose render or
/// crop fails is marked degraded and keeps its blocks without images; the document still parses.
/// </summary>
internal static class BlockCropper
{
    public const string FailedReason = "its tables and equations could not be cropped to images";

    /// <summary>MinerU's crops are JPEG at the encoder's usual quality; text stays legible at 144 dpi.</summary>
    private const int JpegQuality = 85;

    /// <param name="pages">The parsed pages; entry <c>i</c> is PDF page <paramref name="firstPage"/> + its <c>PageIndex</c>.</param>
    /// <param name="open">Opens the document for rendering; called only when some page needs a crop.</param>
    public static void Apply(IReadOnlyList<PageResult> pages, int firstPage, Func<IRasterDocument> open, ParseOptions options, CancellationToken ct)
    {
        var needed = Enumerable.Range(0, pages.Count).Where(i => Targets(pages[i]).Any()).ToList();
        // A page holding an image over the decode budget is not rendered: the renderer would decode that
        // image in full, which is the cost the budget exists to refuse.
        foreach (var i in needed.Where(i => pages[i].DegradedReasons.Any(ImageBudget.IsRefusal)).ToList())
        {
            pages[i].Degrade(FailedReason + ": the page holds an image over the decode limit");
            needed.Remove(i);
        }
        if (needed.Count == 0)
        {
            return;
        }
        IRasterDocument raster;
        try
        {
            raster = open();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            needed.ForEach(i => pages[i].Degrade(Reason(ex)));
            return;
        }
        using (raster)
        {
            foreach (var run in PageOcr.Batches(needed).SelectMany(b => SameDpi(b, i => Dpi(pages[i], options))))
            {
                ct.ThrowIfCancellationRequested();
                RenderAndCrop(run.Select(i => pages[i]).ToList(), firstPage, raster, Dpi(pages[run[0]], options), options, ct);
            }
        }
    }

    private static void RenderAndCrop(List<PageResult> run, int firstPage, IRasterDocument raster, int dpi, ParseOptions options, CancellationToken ct)
    {
        IReadOnlyList<byte[]> renders;
        try
        {
            renders = raster.RenderColor(firstPage + run[0].PageIndex, firstPage + run[^1].PageIndex, dpi,
                RenderLimits.Budget(options.PageBudget, run.Count), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            run.ForEach(p => p.Degrade(Reason(ex)));
            return;
        }
        for (var k = 0; k < run.Count; k++)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                if (k >= renders.Count)
                {
                    throw new InvalidOperationException("the renderer returned fewer pages than asked for");
                }
                Crop(run[k], firstPage, renders[k]);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                run[k].Degrade(Reason(ex));
            }
        }
    }

    /// <summary>Cuts every target block of <paramref name="page"/> out of its render, scaled from points by the render's own size.</summary>
    private static void Crop(PageResult page, int firstPage, byte[] encoded)
    {
        using var decoded = SKBitmap.Decode(encoded) ?? throw new InvalidOperationException("the page render could not be decoded");
        using var turned = page.QuarterTurns % 4 == 0 ? null : Turn(decoded, page.QuarterTurns);
        var render = turned ?? decoded;
        using var image = SKImage.FromBitmap(render);
        var sx = render.Width / page.Width;
        var sy = render.Height / page.Height;
        foreach (var block in Targets(page).ToList())
        {
            var box = block.BoundingBox;
            var rect = SKRectI.Intersect(
                new SKRectI((int)Math.Floor(box.X0 * sx), (int)Math.Floor(box.Y0 * sy), (int)Math.Ceiling(box.X1 * sx), (int)Math.Ceiling(box.Y1 * sy)),
                new SKRectI(0, 0, render.Width, render.Height));
            if (rect.Width <= 0 || rect.Height <= 0)
            {
                continue; // a box off the page has nothing to show
            }
            using var crop = image.Subset(rect);
            using var jpeg = crop.Encode(SKEncodedImageFormat.Jpeg, JpegQuality);
            var file = ExtractedImage.Named(jpeg.ToArray(), firstPage + page.PageIndex, box, ".jpg");
            block.ImageName = file.FileName;
            page.Images.Add(file);
        }
    }

    /// <summary>The render turned by <paramref name="quarterTurns"/> clockwise, into the frame the page's boxes are in.</summary>
    private static SKBitmap Turn(SKBitmap render, int quarterTurns)
    {
        var turns = ((quarterTurns % 4) + 4) % 4;
        var (w, h) = turns % 2 == 1 ? (render.Height, render.Width) : (render.Width, render.Height);
        var turned = new SKBitmap(w, h);
        using var canvas = new SKCanvas(turned);
        canvas.Translate(w / 2f, h / 2f);
        canvas.RotateDegrees(90 * turns);
        canvas.Translate(-render.Width / 2f, -render.Height / 2f);
        using var source = SKImage.FromBitmap(render);
        canvas.DrawImage(source, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
        return turned;
    }

    /// <summary>Tables and display equations of the body that have no image yet.</summary>
    private static IEnumerable<Block> Targets(PageResult page) =>
        page.Blocks.Where(b => b.Type is BlockType.Table or BlockType.Equation or BlockType.Image && b.ImageName is null);

    private static int Dpi(PageResult page, ParseOptions options) => RenderLimits.Dpi(page.Width, page.Height, options.CropDpi, options.MaxImagePixels);

    /// <summary>Splits a run of pages where the resolution changes (one render call is one resolution).</summary>
    private static IEnumerable<List<int>> SameDpi(List<int> run, Func<int, int> dpi)
    {
        var part = new List<int>();
        foreach (var i in run)
        {
            if (part.Count > 0 && dpi(i) != dpi(part[0]))
            {
                yield return part;
                part = [];
            }
            part.Add(i);
        }
        yield return part;
    }

    private static string Reason(Exception ex) => ex is ParseException ? $"{FailedReason}: {ex.Message}" : FailedReason;
}
