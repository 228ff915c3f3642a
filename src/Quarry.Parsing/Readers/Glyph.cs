using Quarry.Core.Model;

namespace Quarry.Parsing.Readers;

/// <summary>One drawn glyph (top-left coordinates): what equation rebuilding needs beyond words.</summary>
public readonly record struct Glyph(string Text, BoundingBox Box, double Baseline, double Size, string Font);

/// <summary>
/// The glyphs and thin filled bars (fraction bars, radical overlines, of any length) of a page that uses a
/// math font. Only such pages carry one, so pages without math pay nothing for it.
/// </summary>
public sealed record MathLayer(IReadOnlyList<Glyph> Glyphs, IReadOnlyList<BoundingBox> Bars);
