using System.Globalization;
using System.Text.RegularExpressions;

namespace Quarry.Parsing.Readers.Model.Vlm;

/// <summary>
/// mineru-vl-utils' parse_layout_output: the layout step's token string into blocks in reading order.
/// <c>&lt;|box_start|&gt;x1 y1 x2 y2&lt;|box_end|&gt;&lt;|ref_start|&gt;label&lt;|ref_end|&gt;</c>, an optional
/// rotate token, then a tail up to the next box (one regex over the whole string, not per line).
/// </summary>
internal static partial class LayoutOutputParser
{
    /// <summary>The 31 labels of mineru-vl-utils 1.2.1 (BLOCK_TYPES).</summary>
    public static readonly IReadOnlySet<string> Labels = new HashSet<string>(StringComparer.Ordinal)
    {
        "text", "title", "doc_title", "paragraph_title", "table", "equation", "formula_number", "code", "algorithm",
        "aside_text", "ref_text", "index", "phonetic", "list_item", "caption", "table_caption", "image_caption",
        "code_caption", "footnote", "table_footnote", "image_footnote", "header", "footer", "page_number",
        "page_footnote", "image", "chart", "list", "image_block", "equation_block", "unknown",
    };

    /// <summary>Share of a block's area inside a container that makes it the container's part.</summary>
    internal const double InsideThreshold = 0.9;

    public static List<ModelOutputBlock> Parse(string output)
    {
        var blocks = new List<ModelOutputBlock>();
        foreach (Match m in LayoutPattern().Matches(output))
        {
            if (Box(m) is not { } box)
            {
                continue;
            }
            var label = m.Groups[5].Value.ToLowerInvariant();
            if (label == "unknown")
            {
                label = "image";
            }
            // Pro models mark inline formulas for the hybrid path; they are not blocks.
            if (label == "inline_formula" || !Labels.Contains(label))
            {
                continue;
            }
            blocks.Add(new ModelOutputBlock
            {
                Type = label,
                X0 = box.X0,
                Y0 = box.Y0,
                X1 = box.X1,
                Y1 = box.Y1,
                Angle = Angle(m.Groups[6].Value),
                MergePrev = label == "text" && m.Groups[7].Value.Contains("txt_contd_tgt", StringComparison.Ordinal),
            });
        }
        return RemoveCovered(blocks, ["text", "equation", "equation_block"], ["table"]);
    }

    /// <summary>
    /// Blocks of <paramref name="candidates"/> types lying ≥ 90 % (by area) inside a block of
    /// <paramref name="containers"/> types are dropped (mineru-vl-utils' _find_covered_block_indices).
    /// </summary>
    internal static List<ModelOutputBlock> RemoveCovered(List<ModelOutputBlock> blocks, string[] candidates, string[] containers)
    {
        var hosts = blocks.Where(b => containers.Contains(b.Type)).ToList();
        if (hosts.Count == 0)
        {
            return blocks;
        }
        return blocks.Where(b => !candidates.Contains(b.Type) || !hosts.Any(h => !ReferenceEquals(h, b) && CoverRatio(b, h) >= InsideThreshold)).ToList();
    }

    internal static double CoverRatio(ModelOutputBlock inner, ModelOutputBlock outer)
    {
        var area = Math.Max(0, inner.X1 - inner.X0) * Math.Max(0, inner.Y1 - inner.Y0);
        if (area == 0)
        {
            return 0;
        }
        var w = Math.Min(inner.X1, outer.X1) - Math.Max(inner.X0, outer.X0);
        var h = Math.Min(inner.Y1, outer.Y1) - Math.Max(inner.Y0, outer.Y0);
        return w <= 0 || h <= 0 ? 0 : w * h / area;
    }

    /// <summary>0–1000 integers to fractions: any outside → dropped, reversed → swapped, zero size → dropped.</summary>
    private static (double X0, double Y0, double X1, double Y1)? Box(Match m)
    {
        var c = new int[4];
        for (var i = 0; i < 4; i++)
        {
            // \d+ can exceed int: such a coordinate is out of range anyway.
            if (!int.TryParse(m.Groups[i + 1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out c[i]) || c[i] > 1000)
            {
                return null;
            }
        }
        var (x1, x2) = c[2] < c[0] ? (c[2], c[0]) : (c[0], c[2]);
        var (y1, y2) = c[3] < c[1] ? (c[3], c[1]) : (c[1], c[3]);
        if (x1 == x2 || y1 == y2)
        {
            return null;
        }
        return (x1 / 1000.0, y1 / 1000.0, x2 / 1000.0, y2 / 1000.0);
    }

    private static int? Angle(string token) => token switch
    {
        "<|rotate_up|>" => 0,
        "<|rotate_right|>" => 90,
        "<|rotate_down|>" => 180,
        "<|rotate_left|>" => 270,
        _ => null,
    };

    // Groups: 1-4 box, 5 label, 6 rotate token, 7 tail. Singleline so a tail may span lines.
    [GeneratedRegex(@"<\|box_start\|>(\d+)\s+(\d+)\s+(\d+)\s+(\d+)<\|box_end\|><\|ref_start\|>(\w+?)<\|ref_end\|>(<\|rotate_(?:up|right|down|left)\|>)?(.*?)(?=<\|box_start\|>|$)", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex LayoutPattern();
}
