using System.Text;
using System.Text.RegularExpressions;

namespace Quarry.Parsing.Readers.Model.PostProcessing;

/// <summary>
/// An <c>equation_block</c> (a multi-line display the layout step boxed as a whole) that covers more than one
/// equation (over 90 % of each equation's area inside it) becomes one equation, in the block's place, with
/// box and angle of the block: <c>\begin{array}{l} e1 \\ e2 \\ \end{array}</c>. More than one <c>\tag{x}</c>
/// in total would not render, so then every tag becomes <c>(x)</c>. The merged equations are removed; an
/// <c>equation_block</c> that covers one equation or none is dropped, leaving its equation alone.
/// </summary>
internal static partial class EquationBlockMerger
{
    [GeneratedRegex(@"\\tag[" + PyText.SpaceClass + @"]*\{[^}]*\}")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\\tag[" + PyText.SpaceClass + @"]*\{([^}]*)\}")]
    private static partial Regex TagText();

    public static List<PageBlock> Merge(List<PageBlock> blocks)
    {
        var equations = Enumerable.Range(0, blocks.Count).Where(i => blocks[i].Type == "equation").ToList();
        var merges = new Dictionary<int, List<int>>();
        for (var i = 0; i < blocks.Count; i++)
        {
            if (blocks[i].Type != "equation_block")
            {
                continue;
            }
            var covered = equations.Where(e => CoverRatio(blocks[i], blocks[e]) > 0.9).ToList();
            if (covered.Count > 1)
            {
                merges[i] = covered;
            }
        }

        var merged = merges.Values.SelectMany(m => m).ToHashSet();
        var result = new List<PageBlock>(blocks.Count);
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            if (merged.Contains(i))
            {
                continue;
            }
            if (merges.TryGetValue(i, out var members))
            {
                result.Add(new PageBlock
                {
                    Type = "equation", X0 = block.X0, Y0 = block.Y0, X1 = block.X1, Y1 = block.Y1, Angle = block.Angle,
                    Content = Combine([.. members.Select(m => blocks[m].Content)]),
                });
            }
            else if (block.Type != "equation_block")
            {
                result.Add(block);
            }
        }
        return result;
    }

    /// <summary>Share of <paramref name="inner"/>'s area inside <paramref name="outer"/> (0 for a zero-area box); same operations as VLU for equal rounding.</summary>
    private static double CoverRatio(PageBlock outer, PageBlock inner)
    {
        var interArea = Math.Max(0, Math.Min(outer.X1, inner.X1) - Math.Max(outer.X0, inner.X0))
            * Math.Max(0, Math.Min(outer.Y1, inner.Y1) - Math.Max(outer.Y0, inner.Y0));
        var area = (inner.X1 - inner.X0) * (inner.Y1 - inner.Y0);
        return area == 0 ? 0 : interArea / area;
    }

    /// <summary>Throws on a member without content, as VLU does (its caller then abandons the page's later steps).</summary>
    private static string Combine(List<string?> contents)
    {
        var latex = contents.Select(c => c ?? throw new InvalidOperationException("equation without content in an equation_block")).ToList();
        if (latex.Sum(c => Tag().Count(c)) > 1)
        {
            latex = [.. latex.Select(c => TagText().Replace(c, "($1)"))];
        }
        var sb = new StringBuilder(@"\begin{array}{l} ");
        foreach (var c in latex)
        {
            sb.Append(c).Append(@" \\ ");
        }
        return sb.Append(@"\end{array}").ToString();
    }
}
