using System.Text;
using Quarry.Core.Model;
using Quarry.Parsing.Layout;

namespace Quarry.Parsing.Assembly;

/// <summary>
/// Gives titles their levels. The PDF's outline wins when a title matches one of its entries; otherwise
/// distinct title sizes are ranked (largest = 1), bold body-size titles come after them, and section
/// numbering ("2.1") refines titles that share a size.
/// </summary>
public static class HeadingLeveler
{
    public static void Apply(IEnumerable<Block> bodyBlocks, IReadOnlyList<OutlineEntry> outline)
    {
        var titles = bodyBlocks.Where(b => b.Type == BlockType.Title).ToList();
        if (titles.Count == 0)
        {
            return;
        }
        var byText = new Dictionary<string, int>();
        foreach (var e in outline)
        {
            byText.TryAdd(Key(e.Title), e.Level);
        }
        var minOutline = outline.Count > 0 ? outline.Min(e => e.Level) : 0;
        var sizes = titles.Select(t => Math.Round(t.FontSize * 2) / 2).Distinct().OrderByDescending(s => s).ToList();
        foreach (var t in titles)
        {
            if (byText.TryGetValue(Key(t.Text), out var level))
            {
                t.Level = level - minOutline + 1;
                continue;
            }
            var rank = sizes.IndexOf(Math.Round(t.FontSize * 2) / 2) + 1;
            t.Level = rank;
        }
        RefineByNumbering(titles);
        foreach (var t in titles)
        {
            t.Level = Math.Clamp(t.Level, 1, 6);
        }
    }

    /// <summary>Among numbered titles of one size, "1.2.3" sits one level below "1.2".</summary>
    private static void RefineByNumbering(List<Block> titles)
    {
        foreach (var group in titles.GroupBy(t => Math.Round(t.FontSize * 2) / 2))
        {
            var numbered = group.Select(t => (Title: t, Depth: Depth(t.Text))).Where(x => x.Depth > 0).ToList();
            if (numbered.Count < 2)
            {
                continue;
            }
            var minDepth = numbered.Min(x => x.Depth);
            if (numbered.All(x => x.Depth == minDepth))
            {
                continue;
            }
            foreach (var (title, depth) in numbered)
            {
                title.Level += depth - minDepth;
            }
        }
    }

    private static int Depth(string text)
    {
        var m = Patterns.SectionNumber().Match(text);
        if (!m.Success || !char.IsDigit(text[0]))
        {
            return 0;
        }
        var number = m.Groups[1].Value.TrimEnd('.');
        return number.Count(c => c == '.') + 1;
    }

    internal static string Key(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }
        return sb.ToString();
    }
}

/// <summary>An entry of the PDF's outline (bookmarks).</summary>
public sealed record OutlineEntry(string Title, int Level);
