using Quarry.Core.Model;
using Quarry.Parsing.Layout;

namespace Quarry.Parsing.Assembly;

/// <summary>
/// Slide decks carry one title per slide: the first block at the top of the page (once the repeated navigation
/// bars are moved out as furniture); every other title-looking block on a slide (bold bullet heads, footer
/// text, subtitles) is body text. A deck is recognised from its page geometry, never from the producer: every
/// page landscape, 4:3 to 16:9, and small (beamer's 128 mm, PowerPoint's 10 in) rather than a landscape sheet.
/// </summary>
public static class SlideTitles
{
    private const double MinAspect = 1.25;
    private const double MaxAspect = 1.85;
    private const double MaxHeight = 560; // points: a landscape A4 or Letter page (595, 612) is not a slide
    private const double TopBand = 0.3;

    public static bool IsDeck(IReadOnlyList<PageResult> pages) =>
        pages.Count > 0 && pages.All(p => p.Height > 0 && p.Height <= MaxHeight && p.Width / p.Height is >= MinAspect and <= MaxAspect);

    public static void Apply(IReadOnlyList<PageResult> pages)
    {
        if (!IsDeck(pages))
        {
            return;
        }
        var bodySize = BodySize(pages);
        MoveNavigation(pages);
        foreach (var page in pages)
        {
            var title = FrameTitle(page, bodySize);
            foreach (var block in page.Blocks)
            {
                if (block.Type == BlockType.Title && !ReferenceEquals(block, title))
                {
                    block.Type = BlockType.Text;
                }
            }
            if (title is not null)
            {
                title.Type = BlockType.Title;
            }
        }
    }

    /// <summary>The slide's title: the topmost text block in the top band, not smaller than body text (navigation
    /// and footlines are set small); on a slide with none there (a title page), its one larger title, if any.</summary>
    private static Block? FrameTitle(PageResult page, double bodySize)
    {
        var top = page.Blocks
            .Where(b => InTopBand(b, page))
            .Where(b => b.FontSize >= bodySize * 0.95 && b.Lines.Count <= 3 && b.Text.Length <= 160 && b.Text.Any(char.IsLetter))
            .Where(b => !Patterns.PageNumber().IsMatch(b.Text.Trim()))
            .MinBy(b => b.BoundingBox.Y0);
        if (top is not null)
        {
            return top;
        }
        return page.Blocks.Where(b => b.Type == BlockType.Title).MaxBy(b => b.FontSize);
    }

    /// <summary>
    /// Navigation bars (beamer's section lists) can stack more lines than the furniture detector takes for a
    /// running head; on a slide, a top-band block printed the same on three quarters of the deck is one.
    /// </summary>
    private static void MoveNavigation(IReadOnlyList<PageResult> pages)
    {
        if (pages.Count < 4)
        {
            return;
        }
        var counts = new Dictionary<string, int>();
        foreach (var page in pages)
        {
            foreach (var text in page.Blocks.Where(b => InTopBand(b, page)).Select(b => b.Text).Distinct())
            {
                counts[text] = counts.GetValueOrDefault(text) + 1;
            }
        }
        var min = Math.Max(3, (int)Math.Ceiling(pages.Count * 0.75));
        foreach (var page in pages)
        {
            var moved = page.Blocks.Where(b => InTopBand(b, page) && counts[b.Text] >= min).ToList();
            foreach (var block in moved)
            {
                block.Type = BlockType.Header;
                page.Blocks.Remove(block);
                page.Discarded.Add(block);
            }
            if (moved.Count > 0)
            {
                page.Discarded.Sort((a, b) => a.BoundingBox.Y0.CompareTo(b.BoundingBox.Y0));
            }
        }
    }

    private static bool InTopBand(Block b, PageResult page) =>
        b.Type is BlockType.Text or BlockType.Title && b.BoundingBox.Y0 < page.Height * TopBand;

    /// <summary>The size (to 0.5 pt) carrying the most characters over the deck's body blocks.</summary>
    private static double BodySize(IReadOnlyList<PageResult> pages)
    {
        var weights = new Dictionary<double, int>();
        foreach (var b in pages.SelectMany(p => p.Blocks))
        {
            var key = Math.Round(b.FontSize * 2) / 2;
            weights[key] = weights.GetValueOrDefault(key) + b.Text.Length;
        }
        return weights.Count == 0 ? 0 : weights.MaxBy(kv => kv.Value).Key;
    }
}
