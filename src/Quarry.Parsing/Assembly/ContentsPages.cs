using Quarry.Core.Model;
using Quarry.Parsing.Layout;

namespace Quarry.Parsing.Assembly;

/// <summary>
/// A table of contents repeats the document's headings, often in the headings' own bold or size, so its entries
/// look like titles. A page holds contents when it has dot-leader lines or a "Contents" title; there, a title that
/// comes back as a title on a later page is an entry, not a heading, and so is the "Contents" title itself.
/// </summary>
public static class ContentsPages
{
    private const int MinLeaderLines = 3;

    public static void Apply(IReadOnlyList<PageResult> pages)
    {
        // Keys of the titles on each page and after it, built back to front so each page sees only later ones.
        var later = new HashSet<string>[pages.Count];
        var seen = new HashSet<string>();
        for (var p = pages.Count - 1; p >= 0; p--)
        {
            later[p] = [.. seen];
            foreach (var b in pages[p].Blocks)
            {
                if (b.Type == BlockType.Title)
                {
                    seen.Add(Key(b.Text));
                }
            }
        }
        for (var p = 0; p < pages.Count; p++)
        {
            var blocks = pages[p].Blocks;
            var leaders = blocks.Where(b => b.Type is BlockType.Text or BlockType.Title or BlockType.List)
                .Sum(b => Patterns.DotLeader().Count(b.Text));
            var contentsTitle = blocks.Any(b => b.Type == BlockType.Title && Patterns.ContentsHeading().IsMatch(b.Text.Trim()));
            if (leaders < MinLeaderLines && !contentsTitle)
            {
                continue;
            }
            foreach (var b in blocks)
            {
                if (b.Type == BlockType.Title && (Patterns.ContentsHeading().IsMatch(b.Text.Trim())
                    || Patterns.DotLeader().IsMatch(b.Text) || later[p].Contains(Key(b.Text))))
                {
                    b.Type = BlockType.Text;
                }
            }
        }
    }

    /// <summary>Letters and digits only, without the section number: an entry may print its number apart.</summary>
    private static string Key(string text) => HeadingLeveler.Key(text).TrimStart('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
}
