namespace Quarry.ModelStandIn;

/// <summary>
/// Tells which known page a layout image shows and which known block a content crop shows, by comparing
/// small thumbnails (and, for crops, the ink's aspect ratio and the crop's pixel size): the stand-in sees
/// the client's pixels only, as the model does.
/// </summary>
public sealed class Recognizer(IReadOnlyList<KnownDocument> documents)
{
    /// <summary>Largest thumbnail distance still taken for the same page (renders by two rasterizers differ by a few levels).</summary>
    public const double PageThreshold = 0.12;

    /// <summary>Largest crop score still taken for the same block.</summary>
    public const double CropThreshold = 0.45;

    /// <summary>The 200 dpi render the client crops from, long side ≤ 3500 px (MinerU's pdf_reader).</summary>
    private const double CropDpi = 200;
    private const double CropLongSide = 3500;

    private readonly HashSet<KnownPage> _seen = [];
    private readonly Lock _gate = new();

    public IEnumerable<KnownPage> Pages => documents.SelectMany(d => d.Pages);

    public (KnownPage? Page, double Distance) IdentifyPage(Raster image)
    {
        var thumb = image.Thumbnail(KnownDocument.PageThumbnail);
        var scored = Pages.Select(p => (Page: (KnownPage?)p, Distance: Raster.Distance(thumb, p.Thumbnail))).ToList();
        var best = scored.Count == 0 ? (Page: null, Distance: 1) : scored.MinBy(x => x.Distance);
        if (best.Page is null || best.Distance > PageThreshold)
        {
            return (null, best.Distance);
        }
        lock (_gate)
        {
            _seen.Add(best.Page);
        }
        return best;
    }

    /// <summary>The block a crop shows, among the pages a layout request identified (all pages when none did), preferring blocks read with <paramref name="kind"/>.</summary>
    public (KnownPage? Page, KnownBlock? Block, double Score) IdentifyCrop(Raster crop, PromptKind kind)
    {
        List<KnownPage> pages;
        lock (_gate)
        {
            pages = _seen.Count > 0 ? [.. _seen] : [.. Pages];
        }
        var ink = crop.TrimPaper();
        var thumb = ink.Thumbnail(KnownDocument.BlockThumbnail);
        var candidates = pages.SelectMany(p => p.Blocks.Select(b => (Page: p, Block: b))).ToList();
        var sameKind = candidates.Where(c => c.Block.Prompt == kind).ToList();
        var scored = (sameKind.Count > 0 ? sameKind : candidates)
            .Select(c => (Page: (KnownPage?)c.Page, Block: (KnownBlock?)c.Block, Score: Score(crop, ink, thumb, c.Page, c.Block)))
            .ToList();
        var best = scored.Count == 0 ? (Page: null, Block: null, Score: 1) : scored.MinBy(x => x.Score);
        return best.Block is null || best.Score > CropThreshold ? (null, null, best.Score) : best;
    }

    private static double Score(Raster crop, Raster ink, byte[] thumb, KnownPage page, KnownBlock block)
    {
        var aspect = Math.Abs(Math.Log(ink.Aspect / block.InkAspect));
        // The client crops the 200 dpi render at the box the layout answer gave: the same block comes back at (nearly) the size computed here.
        var scale = Math.Min(CropDpi / 72, CropLongSide / Math.Max(page.Width, page.Height));
        var expectedW = (block.Permille[2] - block.Permille[0]) / 1000.0 * page.Width * scale;
        var expectedH = (block.Permille[3] - block.Permille[1]) / 1000.0 * page.Height * scale;
        var size = Math.Min(1, (Math.Abs(crop.Width - expectedW) + Math.Abs(crop.Height - expectedH)) / Math.Max(8, 0.1 * (expectedW + expectedH)));
        return aspect + Raster.Distance(thumb, block.Signature) + (0.15 * size);
    }
}
