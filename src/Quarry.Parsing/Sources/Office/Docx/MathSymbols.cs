namespace Quarry.Parsing.Sources.Office.Docx;

/// <summary>Unicode math characters that LaTeX writes as commands, and the characters LaTeX reserves.</summary>
internal static class MathSymbols
{
    private static readonly Dictionary<char, string> Commands = new()
    {
        ['α'] = @"\alpha", ['β'] = @"\beta", ['γ'] = @"\gamma", ['δ'] = @"\delta", ['ε'] = @"\varepsilon", ['ϵ'] = @"\epsilon",
        ['ζ'] = @"\zeta", ['η'] = @"\eta", ['θ'] = @"\theta", ['ϑ'] = @"\vartheta", ['ι'] = @"\iota", ['κ'] = @"\kappa",
        ['λ'] = @"\lambda", ['μ'] = @"\mu", ['ν'] = @"\nu", ['ξ'] = @"\xi", ['π'] = @"\pi", ['ρ'] = @"\rho", ['σ'] = @"\sigma",
        ['τ'] = @"\tau", ['υ'] = @"\upsilon", ['φ'] = @"\varphi", ['ϕ'] = @"\phi", ['χ'] = @"\chi", ['ψ'] = @"\psi", ['ω'] = @"\omega",
        ['Γ'] = @"\Gamma", ['Δ'] = @"\Delta", ['Θ'] = @"\Theta", ['Λ'] = @"\Lambda", ['Ξ'] = @"\Xi", ['Π'] = @"\Pi",
        ['Σ'] = @"\Sigma", ['Υ'] = @"\Upsilon", ['Φ'] = @"\Phi", ['Ψ'] = @"\Psi", ['Ω'] = @"\Omega",
        ['∞'] = @"\infty", ['±'] = @"\pm", ['∓'] = @"\mp", ['×'] = @"\times", ['÷'] = @"\div", ['·'] = @"\cdot", ['⋅'] = @"\cdot",
        ['≤'] = @"\leq", ['≥'] = @"\geq", ['≠'] = @"\neq", ['≈'] = @"\approx", ['≡'] = @"\equiv", ['∼'] = @"\sim", ['≅'] = @"\cong",
        ['∝'] = @"\propto", ['∈'] = @"\in", ['∉'] = @"\notin", ['⊂'] = @"\subset", ['⊆'] = @"\subseteq", ['⊃'] = @"\supset",
        ['∪'] = @"\cup", ['∩'] = @"\cap", ['∅'] = @"\emptyset", ['∀'] = @"\forall", ['∃'] = @"\exists", ['¬'] = @"\neg",
        ['∧'] = @"\wedge", ['∨'] = @"\vee", ['→'] = @"\rightarrow", ['←'] = @"\leftarrow", ['↔'] = @"\leftrightarrow",
        ['⇒'] = @"\Rightarrow", ['⇐'] = @"\Leftarrow", ['⇔'] = @"\Leftrightarrow", ['∂'] = @"\partial", ['∇'] = @"\nabla",
        ['…'] = @"\ldots", ['⋯'] = @"\cdots", ['⋮'] = @"\vdots", ['⋱'] = @"\ddots", ['°'] = @"^{\circ}", ['′'] = "'",
        ['∑'] = @"\sum", ['∏'] = @"\prod", ['∫'] = @"\int", ['√'] = @"\surd", ['ℏ'] = @"\hbar", ['ℓ'] = @"\ell",
        ['−'] = "-", ['∗'] = "*", ['#'] = @"\#", ['%'] = @"\%", ['&'] = @"\&", ['_'] = @"\_", ['$'] = @"\$",
        ['{'] = @"\{", ['}'] = @"\}",
    };

    public static string? Command(char c) => Commands.GetValueOrDefault(c);
}
