using System.Text;
using Quarry.Core.Model;
using Quarry.Parsing.Layout;

namespace Quarry.Parsing.Assembly;

/// <summary>
/// Moves running headers, footers and page numbers out of the body. A short block in the top or bottom
/// margin is furniture when its text (digits folded) recurs in the same margin on other pages, or when
/// it is a page number.
/// </summary>
public static class FurnitureDetector
{
    private const double MarginShare = 0.1;

    public static void Apply(IReadOnlyList<PageResult> pages)
    {
        var counts = new Dictionary<string, int>();
        foreach (var page in pages)
        {
            foreach (var key in page.Blocks.Select(b => KeyOf(b, page)).OfType<string>().Distinct())
            {
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }
        var minRepeats = Math.Max(2, (int)Math.Ceiling(pages.Count * 0.3));
        foreach (var page in pages)
        {
            for (var i = page.Blocks.Count - 1; i >= 0; i--)
            {
                var block = page.Blocks[i];
                var zone = ZoneOf(block, page);
                if (zone == 0)
                {
                    continue;
                }
                BlockType? type = null;
                if (Patterns.PageNumber().IsMatch(block.Text.Trim()))
                {
                    type = BlockType.PageNumber;
                }
                else if (KeyOf(block, page) is { } key && counts[key] >= minRepeats)
                {
                    type = zone < 0 ? BlockType.Header : BlockType.Footer;
                }
                if (type is not null)
                {
                    block.Type = type.Value;
                    page.Blocks.RemoveAt(i);
                    page.Discarded.Insert(0, block);
                }
            }
            page.Discarded.Sort((a, b) => a.BoundingBox.Y0.CompareTo(b.BoundingBox.Y0));
        }
    }

    /// <summary>-1 top margin, +1 bottom margin, 0 body. Only short text blocks qualify.</summary>
    private static int ZoneOf(Block b, PageResult page)
    {
        if (b.Type is not (BlockType.Text or BlockType.Title) || b.Lines.Count > 2 || b.Text.Length > 160)
        {
            return 0;
        }
        if (b.BoundingBox.Y1 <= page.Height * MarginShare)
        {
            return -1;
        }
        return b.BoundingBox.Y0 >= page.Height * (1 - MarginShare) ? 1 : 0;
    }

    private static string? KeyOf(Block b, PageResult page)
    {
        var zone = ZoneOf(b, page);
        if (zone == 0)
        {
            return null;
        }
        var sb = new StringBuilder(zone < 0 ? "T:" : "B:");
        foreach (var c in b.Text)
        {
            sb.Append(char.IsDigit(c) ? '#' : char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }
}
