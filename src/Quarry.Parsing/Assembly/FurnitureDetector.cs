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
    // A block is in a margin zone when it lies in the outer 10% of the page, or in the outer 20% with no
    // other block beyond it (LaTeX's default bottom margin puts page numbers near 88% of the height).
    private const double MarginShare = 0.1;
    private const double OuterShare = 0.2;

    public static void Apply(IReadOnlyList<PageResult> pages)
    {
        // Zones are decided on the page as found, before anything is moved out of it.
        var zones = new Dictionary<Block, (int Zone, string Key)>(ReferenceEqualityComparer.Instance);
        var counts = new Dictionary<string, int>();
        foreach (var page in pages)
        {
            var keys = new HashSet<string>();
            foreach (var block in page.Blocks)
            {
                var zone = ZoneOf(block, page);
                if (zone != 0)
                {
                    var key = KeyOf(block, zone);
                    zones[block] = (zone, key);
                    keys.Add(key);
                }
            }
            foreach (var key in keys)
            {
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }
        // Recurring on 30% of pages, but never more than 3 needed: long documents change their running heads
        // per chapter, and a chapter's head recurs on its own pages only.
        var minRepeats = Math.Clamp((int)Math.Ceiling(pages.Count * 0.3), 2, 3);
        foreach (var page in pages)
        {
            for (var i = page.Blocks.Count - 1; i >= 0; i--)
            {
                var block = page.Blocks[i];
                if (!zones.TryGetValue(block, out var z))
                {
                    continue;
                }
                BlockType? type = null;
                if (IsPageNumber(block))
                {
                    type = BlockType.PageNumber;
                }
                else if (counts[z.Key] >= minRepeats)
                {
                    type = z.Zone < 0 ? BlockType.Header : BlockType.Footer;
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
        var box = b.BoundingBox;
        if (box.Y1 <= page.Height * MarginShare || (box.Y1 <= page.Height * OuterShare && !page.Blocks.Any(o => o != b && o.BoundingBox.CenterY < box.Y0 && !IsPageNumber(o))))
        {
            return -1;
        }
        if (box.Y0 >= page.Height * (1 - MarginShare) || (box.Y0 >= page.Height * (1 - OuterShare) && !page.Blocks.Any(o => o != b && o.BoundingBox.CenterY > box.Y1 && !IsPageNumber(o))))
        {
            return 1;
        }
        return 0;
    }

    private static bool IsPageNumber(Block b) => Patterns.PageNumber().IsMatch(b.Text.Trim());

    private static string KeyOf(Block b, int zone)
    {
        var sb = new StringBuilder(zone < 0 ? "T:" : "B:");
        foreach (var c in b.Text)
        {
            sb.Append(char.IsDigit(c) ? '#' : char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }
}
