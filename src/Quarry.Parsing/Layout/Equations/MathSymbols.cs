using System.Collections.Frozen;

namespace Quarry.Parsing.Layout.Equations;

/// <summary>Unicode math characters (as TeX fonts' ToUnicode maps and Unicode math fonts give them) to LaTeX commands.</summary>
internal static class MathSymbols
{
    private static readonly FrozenDictionary<string, string> Commands = new Dictionary<string, string>
    {
        ["α"] = @"\alpha", ["β"] = @"\beta", ["γ"] = @"\gamma", ["δ"] = @"\delta", ["ϵ"] = @"\epsilon", ["ε"] = @"\varepsilon",
        ["ζ"] = @"\zeta", ["η"] = @"\eta", ["θ"] = @"\theta", ["ϑ"] = @"\vartheta", ["ι"] = @"\iota", ["κ"] = @"\kappa",
        ["λ"] = @"\lambda", ["µ"] = @"\mu", ["μ"] = @"\mu", ["ν"] = @"\nu", ["ξ"] = @"\xi", ["π"] = @"\pi", ["ϖ"] = @"\varpi",
        ["ρ"] = @"\rho", ["ϱ"] = @"\varrho", ["σ"] = @"\sigma", ["ς"] = @"\varsigma", ["τ"] = @"\tau", ["υ"] = @"\upsilon",
        ["ϕ"] = @"\phi", ["φ"] = @"\varphi", ["χ"] = @"\chi", ["ψ"] = @"\psi", ["ω"] = @"\omega",
        ["Γ"] = @"\Gamma", ["∆"] = @"\Delta", ["Δ"] = @"\Delta", ["Θ"] = @"\Theta", ["Λ"] = @"\Lambda", ["Ξ"] = @"\Xi",
        ["Π"] = @"\Pi", ["Σ"] = @"\Sigma", ["Υ"] = @"\Upsilon", ["Φ"] = @"\Phi", ["Ψ"] = @"\Psi", ["Ω"] = @"\Omega",
        ["≤"] = @"\leq", ["≥"] = @"\geq", ["≠"] = @"\neq", ["≈"] = @"\approx", ["∼"] = @"\sim", ["≃"] = @"\simeq", ["≡"] = @"\equiv",
        ["∝"] = @"\propto", ["≪"] = @"\ll", ["≫"] = @"\gg", ["∈"] = @"\in", ["∉"] = @"\notin", ["⊄"] = @"\not\subset", ["≢"] = @"\not\equiv", ["∋"] = @"\ni", ["⊂"] = @"\subset",
        ["⊃"] = @"\supset", ["⊆"] = @"\subseteq", ["⊇"] = @"\supseteq", ["∪"] = @"\cup", ["∩"] = @"\cap", ["∅"] = @"\emptyset",
        ["∀"] = @"\forall", ["∃"] = @"\exists", ["¬"] = @"\neg", ["∧"] = @"\wedge", ["∨"] = @"\vee",
        ["→"] = @"\to", ["←"] = @"\leftarrow", ["↔"] = @"\leftrightarrow", ["⇒"] = @"\Rightarrow", ["⇐"] = @"\Leftarrow",
        ["⇔"] = @"\Leftrightarrow", ["↦"] = @"\mapsto", ["↑"] = @"\uparrow", ["↓"] = @"\downarrow",
        ["±"] = @"\pm", ["∓"] = @"\mp", ["×"] = @"\times", ["÷"] = @"\div", ["·"] = @"\cdot", ["⋅"] = @"\cdot", ["∗"] = "*",
        ["◦"] = @"\circ", ["∘"] = @"\circ", ["⊗"] = @"\otimes", ["⊕"] = @"\oplus", ["−"] = "-", ["∶"] = ":",
        ["∞"] = @"\infty", ["∂"] = @"\partial", ["∇"] = @"\nabla", ["ℓ"] = @"\ell", ["ℏ"] = @"\hbar", ["′"] = "'",
        ["∑"] = @"\sum", ["∏"] = @"\prod", ["∐"] = @"\coprod", ["∫"] = @"\int", ["∮"] = @"\oint", ["⋃"] = @"\bigcup", ["⋂"] = @"\bigcap",
        ["√"] = @"\sqrt", ["∥"] = @"\|", ["‖"] = @"\|", ["|"] = "|", ["⟨"] = @"\langle", ["⟩"] = @"\rangle", ["{"] = @"\{", ["}"] = @"\}",
        ["…"] = @"\dots", ["⋯"] = @"\cdots", ["ℝ"] = @"\mathbb{R}", ["ℂ"] = @"\mathbb{C}", ["ℤ"] = @"\mathbb{Z}", ["ℕ"] = @"\mathbb{N}",
        ["ℚ"] = @"\mathbb{Q}", ["ℙ"] = @"\mathbb{P}", ["ℒ"] = @"\mathcal{L}", ["ℱ"] = @"\mathcal{F}", ["ℋ"] = @"\mathcal{H}",
        ["#"] = @"\#", ["%"] = @"\%", ["&"] = @"\&", ["_"] = @"\_", ["$"] = @"\$",
    }.ToFrozenDictionary();

    /// <summary>Operators drawn big with limits above and below in display style.</summary>
    public static bool IsBigOperator(string latex) => latex is @"\sum" or @"\prod" or @"\coprod" or @"\bigcup" or @"\bigcap";

    public static bool IsIntegral(string latex) => latex is @"\int" or @"\oint";

    /// <summary>The LaTeX for one glyph's text: a command, a letter of a math alphabet, or the text itself.</summary>
    public static string ToLatex(string text)
    {
        if (Commands.TryGetValue(text, out var cmd))
        {
            return cmd;
        }
        if (text.Length == 2 && char.IsSurrogatePair(text[0], text[1]))
        {
            return Alphanumeric(char.ConvertToUtf32(text[0], text[1])) ?? text;
        }
        return text;
    }

    // Mathematical Alphanumeric Symbols (U+1D400…): 26 capitals then 26 small letters per style.
    private static string? Alphanumeric(int cp)
    {
        if (cp < 0x1D400 || cp > 0x1D6A3)
        {
            return null;
        }
        var style = (cp - 0x1D400) / 52;
        var k = (cp - 0x1D400) % 52;
        var letter = (char)(k < 26 ? 'A' + k : 'a' + k - 26);
        return style switch
        {
            0 or 9 => $@"\mathbf{{{letter}}}",
            1 or 2 => letter.ToString(),
            3 or 4 => $@"\mathcal{{{letter}}}",
            5 or 6 => $@"\mathfrak{{{letter}}}",
            7 => $@"\mathbb{{{letter}}}",
            _ => letter.ToString(),
        };
    }
}
