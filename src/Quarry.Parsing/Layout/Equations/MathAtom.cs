using Quarry.Core.Model;

namespace Quarry.Parsing.Layout.Equations;

/// <summary>A piece of a formula placed on the page: one glyph, or a built structure (fraction, radical, operator with limits).</summary>
internal sealed record MathAtom(string Latex, BoundingBox Box, double Baseline, double Size, bool IsGlyph, bool IsExtension = false);
