using System.Text;
using Quarry.Core.Model;
using Quarry.Core.Text;

namespace Quarry.Parsing.Assembly;

/// <summary>
/// Gives titles their levels (<see cref="HeadingLevels"/>), after matching each title against the PDF's outline.
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
        foreach (var t in titles)
        {
            t.OutlineLevel = byText.TryGetValue(Key(t.Text), out var level) ? level - minOutline + 1 : null;
        }
        var levels = HeadingLevels.Assign(titles.Select(t => new TitleInfo(t.Text, t.FontSize, t.OutlineLevel)).ToList());
        for (var i = 0; i < titles.Count; i++)
        {
            titles[i].Level = levels[i];
        }
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
