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
        // Among numbered titles of one size, "1.2.3" sits one level below "1.2"; and where a size mixes numbering
        // schemes ("I.", "(1)", "a)"), each scheme takes the level below the schemes that appeared before it.
        foreach (var group in Enumerable.Range(0, titles.Count).GroupBy(i => rank(titles[i].FontSize)))
        {
            var numbered = group.Select(i => (Index: i, Scheme: SchemeOf(titles[i].Text), Depth: Depth(titles[i].Text)))
                .Where(x => x.Scheme != Scheme.None).ToList();
            if (numbered.Count < 2)
            {
                continue;
            }
            // "C." after "A." and "B." is a letter, not the roman hundred.
            for (var k = 0; k < numbered.Count; k++)
            {
                var x = numbered[k];
                if (x.Scheme == Scheme.Roman && titles[x.Index].Text[1] is '.' or ')' && numbered.Take(k).Any(y => y.Scheme == Scheme.UpperLetter))
                {
                    numbered[k] = (x.Index, Scheme.UpperLetter, x.Depth);
                }
            }
            var arabic = numbered.Where(x => x.Scheme == Scheme.Arabic).ToList();
            var minDepth = arabic.Count > 0 ? arabic.Min(x => x.Depth) : 1;
            var span = arabic.Count > 0 ? arabic.Max(x => x.Depth) - minDepth + 1 : 1;
            // A scheme nests under the ones that appeared before it only when they come back after it ("I.", "(1)",
            // "(2)", "II."); one that merely follows them all (appendices "A.", "B." after the sections) does not.
            var offsets = new Dictionary<Scheme, int>();
            var next = 0;
            for (var k = 0; k < numbered.Count; k++)
            {
                var scheme = numbered[k].Scheme;
                if (offsets.ContainsKey(scheme))
                {
                    continue;
                }
                var nested = numbered.Skip(k + 1).Any(x => offsets.ContainsKey(x.Scheme));
                offsets[scheme] = nested ? next : 0;
                next = offsets[scheme] + (scheme == Scheme.Arabic ? span : 1);
            }
            foreach (var (index, scheme, depth) in numbered)
            {
                levels[index] += offsets[scheme] + (scheme == Scheme.Arabic ? depth - minDepth : 0);
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

    private enum Scheme { None, Arabic, Roman, UpperLetter, LowerLetter, Parenthesised }

    /// <summary>The numbering scheme a title opens with: "2.1", "IV.", "B.", "a)", "(3)"; letters and roman
    /// numerals only with their stop or bracket, so "A Study…" or "I Think…" is no numbering.</summary>
    private static Scheme SchemeOf(string text)
    {
        var m = SchemeNumber().Match(text);
        if (!m.Success)
        {
            return Scheme.None;
        }
        return m.Groups["arabic"].Success ? Scheme.Arabic
            : m.Groups["roman"].Success ? Scheme.Roman
            : m.Groups["upper"].Success ? Scheme.UpperLetter
            : m.Groups["lower"].Success ? Scheme.LowerLetter
            : Scheme.Parenthesised;
    }

    [GeneratedRegex(@"^(?:(?<arabic>\d+(\.\d+)*\.?)|(?<roman>[IVXLC]+[.)])|(?<upper>[A-Z][.)])|(?<lower>\(?[a-z][.)])|(?<paren>\(\d+\)))\s+\S")]
    private static partial Regex SchemeNumber();

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
