using Quarry.Core.Model;

namespace Quarry.Parsing.Layout.Equations;

internal static class EquationParts
{
    /// <summary>
    /// A display equation is drawn on several baselines (limits, numerators, exponents); the pieces come out
    /// as separate groups. Short pieces touching an equation join it.
    /// </summary>
    public static void Merge(List<Block> blocks)
    {
        bool changed;
        do
        {
            changed = false;
            foreach (var eq in blocks.Where(b => b.Type == BlockType.Equation).ToList())
            {
                if (!blocks.Contains(eq))
                {
                    continue; // absorbed by another equation earlier in this pass
                }
                var reach = Math.Max(eq.FontSize, 6);
                var part = blocks.FirstOrDefault(b => b != eq
                    && (b.Type == BlockType.Equation || (b.Type == BlockType.Text && b.Text.Length <= 12))
                    && Gap(eq.BoundingBox, b.BoundingBox) <= 0.8 * reach
                    && HorizontalGap(eq.BoundingBox, b.BoundingBox) <= reach);
                if (part is null)
                {
                    continue;
                }
                var (upper, lower) = part.BoundingBox.Y0 < eq.BoundingBox.Y0 ? (part, eq) : (eq, part);
                eq.Text = upper.Text + " " + lower.Text;
                eq.BoundingBox = eq.BoundingBox.Union(part.BoundingBox);
                blocks.Remove(part);
                changed = true;
            }
        }
        while (changed);
    }

    private static double Gap(BoundingBox a, BoundingBox b) => Math.Max(a.Y0 - b.Y1, b.Y0 - a.Y1);

    private static double HorizontalGap(BoundingBox a, BoundingBox b) => Math.Max(a.X0 - b.X1, b.X0 - a.X1);
}
