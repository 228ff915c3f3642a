using Quarry.Core.Model;
using Quarry.Parsing.Readers;

namespace Quarry.Parsing.Layout.Equations;

/// <summary>
/// Rebuilds LaTeX from a formula's glyphs and bars: bars with a radical sign at their left become
/// <c>\sqrt</c>, other bars with glyphs stacked above and below become <c>\frac</c>, big operators with
/// glyphs stacked on them take limits, and what is left is read left to right, glyphs raised or lowered
/// from the main baseline becoming <c>^</c>/<c>_</c> (recursively, so scripts of scripts nest).
/// </summary>
internal static class MathBuilder
{
    private static readonly string[] LimitNames = ["lim", "max", "min", "sup", "inf"];
    private static readonly string[] FunctionNames = ["sin", "cos", "tan", "log", "ln", "exp", "det", "arg", "dim", "ker"];

    /// <summary>LaTeX for the glyphs; <paramref name="inScript"/> writes it unspaced, as limits and scripts are written.</summary>
    public static string Build(IReadOnlyList<Glyph> glyphs, IReadOnlyList<BoundingBox> bars, bool inScript = false)
    {
        var atoms = Structure(glyphs.ToList(), bars.ToList());
        return Scripts(atoms, inScript);
    }

    private static List<MathAtom> Structure(List<Glyph> glyphs, List<BoundingBox> bars)
    {
        Negations(glyphs);
        var atoms = new List<MathAtom>();
        foreach (var bar in bars.OrderByDescending(b => b.Width).ToList())
        {
            if (!bars.Contains(bar))
            {
                continue; // taken inside a wider bar's numerator, denominator or radicand
            }
            var atom = Radical(bar, glyphs, bars) ?? Fraction(bar, glyphs, bars);
            if (atom is not null)
            {
                atoms.Add(atom);
            }
        }
        BigOperators(glyphs, atoms);
        atoms.AddRange(Words(glyphs));
        return atoms;
    }

    private static MathAtom? Radical(BoundingBox bar, List<Glyph> glyphs, List<BoundingBox> bars)
    {
        var sign = glyphs.FindIndex(g => g.Text == "√" && Math.Abs(g.Box.X1 - bar.X0) <= 2 && g.Box.Y0 <= bar.Y1 + 2 && g.Box.Y1 > bar.Y1);
        if (sign < 0)
        {
            return null;
        }
        var root = glyphs[sign];
        glyphs.RemoveAt(sign);
        bars.Remove(bar);
        var inner = Take(glyphs, g => g.Box.CenterX >= bar.X0 && g.Box.CenterX <= bar.X1 && g.Box.CenterY > bar.Y1 && g.Box.CenterY < root.Box.Y1 + 1);
        var innerBars = TakeBars(bars, b => b.X0 >= bar.X0 - 1 && b.X1 <= bar.X1 + 1 && b.Y0 > bar.Y1 && b.Y1 < root.Box.Y1);
        var box = inner.Aggregate(root.Box.Union(bar), (acc, g) => acc.Union(g.Box));
        var baseline = inner.Count > 0 ? MainBaseline(inner.Select(Atom).ToList()) : root.Baseline;
        return new MathAtom($@"\sqrt{{{Build(inner, innerBars)}}}", box, baseline, inner.Count > 0 ? inner.Max(g => g.Size) : root.Size, IsGlyph: false);
    }

    private static MathAtom? Fraction(BoundingBox bar, List<Glyph> glyphs, List<BoundingBox> bars)
    {
        bool InSpan(BoundingBox b) => b.CenterX >= bar.X0 - 0.5 && b.CenterX <= bar.X1 + 0.5;
        var above = Stack(glyphs.Where(g => InSpan(g.Box) && g.Box.CenterY < bar.Y0).OrderByDescending(g => g.Box.Y1), bar.Y0, up: true);
        var below = Stack(glyphs.Where(g => InSpan(g.Box) && g.Box.CenterY > bar.Y1).OrderBy(g => g.Box.Y0), bar.Y1, up: false);
        if (above.Count == 0 || below.Count == 0)
        {
            return null; // an overline or a stray rule, not a fraction
        }
        glyphs.RemoveAll(g => above.Contains(g) || below.Contains(g));
        bars.Remove(bar);
        var top = above.Min(g => g.Box.Y0);
        var bottom = below.Max(g => g.Box.Y1);
        var numBars = TakeBars(bars, b => InSpan(b) && b.Y1 < bar.Y0 && b.Y0 >= top);
        var denBars = TakeBars(bars, b => InSpan(b) && b.Y0 > bar.Y1 && b.Y1 <= bottom);
        var size = above.Concat(below).Max(g => g.Size);
        var box = above.Concat(below).Aggregate(bar, (acc, g) => acc.Union(g.Box));
        // The bar sits on the math axis, about a quarter em above the baseline.
        return new MathAtom($@"\frac{{{Build(above, numBars)}}}{{{Build(below, denBars)}}}", box, bar.CenterY + 0.25 * size, size, IsGlyph: false);
    }

    /// <summary>Glyphs stacked on an edge without a gap wider than half an em: a numerator, denominator or limit.</summary>
    private static List<Glyph> Stack(IEnumerable<Glyph> candidates, double edge, bool up)
    {
        var taken = new List<Glyph>();
        var reach = edge;
        foreach (var g in candidates)
        {
            var gap = up ? reach - g.Box.Y1 : g.Box.Y0 - reach;
            if (gap > 0.5 * g.Size)
            {
                break;
            }
            taken.Add(g);
            reach = up ? Math.Min(reach, g.Box.Y0) : Math.Max(reach, g.Box.Y1);
        }
        return taken;
    }

    /// <summary>∑, ∏ and lim with glyphs stacked right above or below them: those are their limits.</summary>
    private static void BigOperators(List<Glyph> glyphs, List<MathAtom> atoms)
    {
        var operators = glyphs.Where(g => MathSymbols.IsBigOperator(MathSymbols.ToLatex(g.Text)) || MathSymbols.IsIntegral(MathSymbols.ToLatex(g.Text)))
            .Select(g => (Latex: MathSymbols.ToLatex(g.Text), Box: g.Box, g.Size, Parts: new List<Glyph> { g }))
            .Concat(LimitWords(glyphs))
            .ToList();
        foreach (var (name, opBox, size, parts) in operators)
        {
            if (!parts.TrueForAll(glyphs.Contains))
            {
                continue;
            }
            bool Over(BoundingBox b) => b.X1 > opBox.X0 - 0.2 * size && b.X0 < opBox.X1 + 0.2 * size;
            var others = glyphs.Where(g => !parts.Contains(g)).ToList();
            var upper = Line(others, Stack(others.Where(g => Over(g.Box) && g.Box.CenterY < opBox.Y0).OrderByDescending(g => g.Box.Y1), opBox.Y0, up: true));
            var lower = Line(others, Stack(others.Where(g => Over(g.Box) && g.Box.CenterY > opBox.Y1).OrderBy(g => g.Box.Y0), opBox.Y1, up: false));
            if (upper.Count == 0 && lower.Count == 0)
            {
                continue; // limits beside it (text style, integrals): read as scripts
            }
            glyphs.RemoveAll(g => parts.Contains(g) || upper.Contains(g) || lower.Contains(g));
            var latex = name
                + (lower.Count > 0 ? $"_{{{Build(lower, [], inScript: true)}}}" : "")
                + (upper.Count > 0 ? $"^{{{Build(upper, [], inScript: true)}}}" : "");
            var box = upper.Concat(lower).Aggregate(opBox, (acc, g) => acc.Union(g.Box));
            var baseline = parts.Count > 1 ? parts[0].Baseline : opBox.CenterY + 0.25 * size;
            atoms.Add(new MathAtom(latex, box, baseline, size, IsGlyph: parts.Count > 1));
        }
    }

    /// <summary>Upright "lim", "max", … spelled on one baseline: operators whose limits are set beneath them in display style.</summary>
    private static IEnumerable<(string Latex, BoundingBox Box, double Size, List<Glyph> Parts)> LimitWords(List<Glyph> glyphs)
    {
        var ordered = glyphs.OrderBy(g => g.Box.X0).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            if (FunctionName(ordered, i) is { } run && LimitNames.Contains(run.Name))
            {
                yield return ("\\" + run.Name, BoundingBox.UnionAll(run.Glyphs.Select(g => g.Box)), run.Glyphs[0].Size, run.Glyphs);
            }
        }
    }

    /// <summary>A limit is one line: the stacked glyphs plus their neighbours on the same baseline.</summary>
    private static List<Glyph> Line(List<Glyph> all, List<Glyph> seed)
    {
        if (seed.Count == 0)
        {
            return seed;
        }
        var baseline = seed[0].Baseline;
        var size = seed[0].Size;
        var line = seed.Where(g => Math.Abs(g.Baseline - baseline) <= 0.6 * size).ToList();
        bool grown;
        do
        {
            grown = false;
            var x0 = line.Min(g => g.Box.X0);
            var x1 = line.Max(g => g.Box.X1);
            foreach (var g in all)
            {
                if (!line.Contains(g) && Math.Abs(g.Baseline - baseline) <= 0.6 * size && g.Box.X0 <= x1 + 0.3 * size && g.Box.X1 >= x0 - 0.3 * size)
                {
                    line.Add(g);
                    grown = true;
                }
            }
        }
        while (grown);
        return line;
    }

    /// <summary>Glyph atoms; upright letter runs that spell a function name ("sin", "lim") become its command.</summary>
    private static List<MathAtom> Words(List<Glyph> glyphs)
    {
        var atoms = new List<MathAtom>();
        var ordered = glyphs.OrderBy(g => g.Box.X0).ToList();
        var taken = new HashSet<Glyph>();
        for (var i = 0; i < ordered.Count; i++)
        {
            if (taken.Contains(ordered[i]))
            {
                continue;
            }
            if (FunctionName(ordered, i) is { } run)
            {
                var box = BoundingBox.UnionAll(run.Glyphs.Select(g => g.Box));
                atoms.Add(new MathAtom("\\" + run.Name, box, run.Glyphs[0].Baseline, run.Glyphs[0].Size, IsGlyph: true));
                taken.UnionWith(run.Glyphs);
                continue;
            }
            atoms.Add(Atom(ordered[i]));
        }
        return atoms;
    }

    /// <summary>
    /// The function name spelled by upright letters from <paramref name="at"/> on, reading only glyphs on its
    /// baseline: a limit set under "lim" interleaves with its letters in left-to-right order.
    /// </summary>
    private static (string Name, List<Glyph> Glyphs)? FunctionName(List<Glyph> ordered, int at)
    {
        var first = ordered[at];
        if (!IsUprightLetter(first))
        {
            return null;
        }
        var run = new List<Glyph> { first };
        for (var k = at + 1; k < ordered.Count && run.Count < 3; k++)
        {
            var g = ordered[k];
            if (Math.Abs(g.Baseline - first.Baseline) >= 0.1 * first.Size)
            {
                continue;
            }
            if (!IsUprightLetter(g) || g.Box.X0 - run[^1].Box.X1 > 0.3 * first.Size)
            {
                break;
            }
            run.Add(g);
        }
        foreach (var name in LimitNames.Concat(FunctionNames))
        {
            if (name.Length <= run.Count && string.Concat(run.Take(name.Length).Select(g => g.Text)) == name)
            {
                return (name, run.GetRange(0, name.Length));
            }
        }
        return null;
    }

    public static bool IsFunctionName(string word) => LimitNames.Contains(word) || FunctionNames.Contains(word);

    /// <summary>True when the glyphs spell exactly one function name ("log" between math-font words).</summary>
    public static bool IsFunctionWord(List<Glyph> glyphs)
    {
        var ordered = glyphs.OrderBy(g => g.Box.X0).ToList();
        return ordered.Count > 0 && FunctionName(ordered, 0) is { } run && run.Glyphs.Count == ordered.Count;
    }

    private static bool IsUprightLetter(Glyph g) => g.Text.Length == 1 && char.IsAsciiLetterLower(g.Text[0]) && MathFonts.Alphabet(g.Font) == MathAlphabet.Text;

    private static MathAtom Atom(Glyph g)
    {
        var alphabet = MathFonts.Alphabet(g.Font);
        var letter = g.Text.Length == 1 && char.IsAsciiLetter(g.Text[0]);
        var latex = alphabet switch
        {
            MathAlphabet.Blackboard when letter => $@"\mathbb{{{g.Text}}}",
            MathAlphabet.Fraktur when letter => $@"\mathfrak{{{g.Text}}}",
            MathAlphabet.Symbol when letter && char.IsAsciiLetterUpper(g.Text[0]) => $@"\mathcal{{{g.Text}}}",
            MathAlphabet.Bold when letter || (g.Text.Length == 1 && char.IsAsciiDigit(g.Text[0])) => $@"\mathbf{{{g.Text}}}",
            _ => MathSymbols.ToLatex(g.Text),
        };
        return new MathAtom(latex, g.Box, g.Baseline, g.Size, IsGlyph: true, IsExtension: alphabet == MathAlphabet.Extension);
    }

    /// <summary>The baseline most full-size glyphs sit on.</summary>
    private static double MainBaseline(List<MathAtom> atoms)
    {
        var glyphs = atoms.Where(a => a.IsGlyph && !a.IsExtension).ToList();
        if (glyphs.Count == 0)
        {
            return atoms.Count == 0 ? 0 : atoms.OrderBy(a => a.Box.X0).First().Baseline;
        }
        var em = glyphs.Max(a => a.Size);
        var full = glyphs.Where(a => a.Size >= 0.85 * em).ToList();
        return full.OrderByDescending(a => full.Count(b => Math.Abs(b.Baseline - a.Baseline) <= 0.1 * em)).ThenBy(a => a.Box.X0).First().Baseline;
    }

    /// <summary>Reads atoms left to right; those off the main baseline are scripts of the base before them.</summary>
    private static string Scripts(List<MathAtom> atoms, bool inScript)
    {
        if (atoms.Count == 0)
        {
            return "";
        }
        var main = MainBaseline(atoms);
        var em = atoms.Where(a => !a.IsExtension).Select(a => a.Size).DefaultIfEmpty(10).Max();
        var parts = new List<(MathAtom Base, List<MathAtom> Sub, List<MathAtom> Sup)>();
        foreach (var a in atoms.OrderBy(a => a.Box.X0))
        {
            var shift = a.Baseline - main;
            // A lone subscript drops only 0.15 em, but it is set smaller: size tells it from a base glyph.
            var smaller = a.IsGlyph && a.Size <= 0.8 * em;
            var tolerance = smaller ? 0.08 * em : (a.IsGlyph ? 0.18 : 0.3) * em;
            if (parts.Count == 0 || a.IsExtension || Math.Abs(shift) <= tolerance)
            {
                parts.Add((a, [], []));
            }
            else if (shift < 0)
            {
                parts[^1].Sup.Add(a);
            }
            else
            {
                parts[^1].Sub.Add(a);
            }
        }
        var tokens = new List<string>(parts.Count);
        foreach (var (b, sub, sup) in parts)
        {
            var latex = b.Latex;
            if (sub.Count > 0)
            {
                latex += $"_{{{Scripts(sub, inScript: true)}}}";
            }
            if (sup.Count > 0)
            {
                latex += $"^{{{Scripts(sup, inScript: true)}}}";
            }
            tokens.Add(latex);
        }
        return LatexText.Join(tokens, spaced: !inScript);
    }

    // TeX builds some relations from two glyphs: ≠ and ∉ are a slash (a combining solidus) over = and ∈; ↦ is a bar and →.
    private static void Negations(List<Glyph> glyphs)
    {
        foreach (var slash in glyphs.Where(g => g.Text == "\u0338").ToList())
        {
            var others = glyphs.Where(g => g != slash && g.Box.HorizontalOverlap(slash.Box) > 0).ToList();
            if (others.Count == 0)
            {
                continue;
            }
            var under = others.MaxBy(g => g.Box.HorizontalOverlap(slash.Box));
            var negated = under.Text switch { "=" => "≠", "∈" => "∉", "⊂" => "⊄", "≡" => "≢", _ => null };
            if (negated is not null)
            {
                glyphs[glyphs.IndexOf(under)] = under with { Text = negated };
                glyphs.Remove(slash);
            }
        }
        // ↦ is drawn as cmsy's "mapstochar" (code 0x37, read as "7" without a ToUnicode map) set before →.
        foreach (var bar in glyphs.Where(g => g.Text == "7" && MathFonts.Alphabet(g.Font) == MathAlphabet.Symbol).ToList())
        {
            var at = glyphs.FindIndex(g => g.Text == "→" && Math.Abs(g.Box.X0 - bar.Box.X1) <= 0.3 * g.Size && Math.Abs(g.Baseline - bar.Baseline) <= 0.1 * g.Size);
            if (at >= 0)
            {
                glyphs[at] = glyphs[at] with { Text = "↦", Box = glyphs[at].Box.Union(bar.Box) };
                glyphs.Remove(bar);
            }
        }
    }

    private static List<Glyph> Take(List<Glyph> glyphs, Func<Glyph, bool> where)
    {
        var taken = glyphs.Where(where).ToList();
        glyphs.RemoveAll(g => taken.Contains(g));
        return taken;
    }

    private static List<BoundingBox> TakeBars(List<BoundingBox> bars, Func<BoundingBox, bool> where)
    {
        var taken = bars.Where(where).ToList();
        bars.RemoveAll(taken.Contains);
        return taken;
    }
}
