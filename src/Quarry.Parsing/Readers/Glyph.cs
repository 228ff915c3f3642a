using Quarry.Core.Model;

namespace Quarry.Parsing.Readers;

/// <summary>One drawn glyph (top-left coordinates): what equation rebuilding needs beyond words.</summary>
public readonly record struct Glyph(string Text, BoundingBox Box, double Baseline, double Size, string Font);

/// <summary>
/// The glyphs and thin filled bars (fraction bars, radical overlines, of any length) of a page that uses a
/// math font. Only such pages carry one, so pages without math pay nothing for it.
/// </summary>
public sealed record MathLayer(IReadOnlyList<Glyph> Glyphs, IReadOnlyList<BoundingBox> Bars);

/// <summary>
/// Glyphs that math fonts also draw in running text: the angle brackets of a metavariable ⟨file⟩, bullets,
/// asterisks, daggers, braces and bars, and punctuation (not the centred dot: that is \cdot, an operator). A
/// math font drawing only these is no sign of a formula, so a page or line whose only math-font glyphs are
/// these pays nothing for the equation engine.
/// </summary>
internal static class TextOrnaments
{
    public static bool Contains(string text) => text.Length == 1 && text[0] is '⟨' or '⟩' or '〈' or '〉' or '•' or '◦' or '∗' or '⋆' or '†' or '‡' or '§' or '¶'
        or '{' or '}' or '|' or '‖' or '∥' or ',' or '.' or ';' or '/' or '\uFFFD';
}
