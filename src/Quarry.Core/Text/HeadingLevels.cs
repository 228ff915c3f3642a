using System.Text.RegularExpressions;

namespace Quarry.Core.Text;

/// <summary>What heading levels are decided from: the title's text, its font size, and its level in the PDF outline when it has one (1 = top).</summary>
public sealed record TitleInfo(string Text, double FontSize, int? OutlineLevel);

/// <summary>
/// Heading levels for a document's titles, in reading order. A title found in the PDF's outline takes the
/// outline's level; others rank by distinct font size (largest = 1); section numbering ("2.1") then refines
/// titles that share a size. Shared by the parser and by the client's merge of fanned-out jobs, which
/// re-levels the whole document once it has every part.
/// </summary>
public static partial class HeadingLevels
{
    [GeneratedRegex(@"^(\d+(\.\d+)*\.?|[A-Z](\.\d+)*\.?|[IVXLC]+\.)\s+\S")]
    public static partial Regex SectionNumber();

    public static int[] Assign(IReadOnlyList<TitleInfo> titles)
    {
        var levels = new int[titles.Count];
        var rank = SizeRanks(titles.Select(t => t.FontSize));
        for (var i = 0; i < titles.Count; i++)
        {
            levels[i] = titles[i].OutlineLevel ?? rank(titles[i].FontSize);
        }
        // Among numbered titles of one size, "1.2.3" sits one level below "1.2".
        foreach (var group in Enumerable.Range(0, titles.Count).GroupBy(i => rank(titles[i].FontSize)))
        {
            var numbered = group.Select(i => (Index: i, Depth: Depth(titles[i].Text))).Where(x => x.Depth > 0).ToList();
            if (numbered.Count < 2)
            {
                continue;
            }
            var minDepth = numbered.Min(x => x.Depth);
            foreach (var (index, depth) in numbered)
            {
                levels[index] += depth - minDepth;
            }
        }
        for (var i = 0; i < levels.Length; i++)
        {
            levels[i] = Math.Clamp(levels[i], 1, 6);
        }
        return levels;
    }

    /// <summary>
    /// Ranks sizes largest first, sizes within 8% of the next larger one sharing its rank: typeset sizes differ
    /// by ~15–20% a step, while sizes measured from pixels (OCR) wander by a few percent.
    /// </summary>
    private static Func<double, int> SizeRanks(IEnumerable<double> sizes)
    {
        var distinct = sizes.Select(s => Math.Round(s, 2)).Distinct().OrderByDescending(s => s).ToList();
        var ranks = new Dictionary<double, int>();
        var rank = 0;
        double? previous = null;
        foreach (var s in distinct)
        {
            if (previous is null || s < previous * 0.92)
            {
                rank++;
            }
            ranks[s] = rank;
            previous = s;
        }
        return size => ranks[Math.Round(size, 2)];
    }

    private static int Depth(string text)
    {
        var m = SectionNumber().Match(text);
        if (!m.Success || !char.IsDigit(text[0]))
        {
            return 0;
        }
        return m.Groups[1].Value.TrimEnd('.').Count(c => c == '.') + 1;
    }
}
