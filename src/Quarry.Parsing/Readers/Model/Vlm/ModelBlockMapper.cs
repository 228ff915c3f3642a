using System.Text;
using System.Text.RegularExpressions;
using Quarry.Core.Model;

namespace Quarry.Parsing.Readers.Model.Vlm;

/// <summary>
/// Post-processed model blocks to Quarry blocks in page points, as MinerU's vlm_magic_model turns them into
/// middle-JSON blocks: equations lose their <c>\[ \]</c>, text splits at <c>\(…\)</c> into inline-equation
/// spans, a leftover <c>\[x\]</c> in text becomes <c>[x]</c>, code loses its fences; captions and footnotes
/// are bound to the nearest table, figure or code block (else kept as text).
/// </summary>
internal static partial class ModelBlockMapper
{
    public static List<Block> Map(IEnumerable<ModelOutputBlock> blocks, double pageWidth, double pageHeight)
    {
        var mapped = new List<(Block Block, string Type)>();
        foreach (var b in blocks)
        {
            if (ToBlock(b, pageWidth, pageHeight) is { } block)
            {
                mapped.Add((block, b.Type));
            }
        }
        return BindCaptions(mapped);
    }

    public static BoundingBox Box(ModelOutputBlock b, double pageWidth, double pageHeight) =>
        new(b.X0 * pageWidth, b.Y0 * pageHeight, b.X1 * pageWidth, b.Y1 * pageHeight);

    /// <summary>One block, or null for containers whose members are blocks of their own.</summary>
    public static Block? ToBlock(ModelOutputBlock b, double pageWidth, double pageHeight)
    {
        var box = Box(b, pageWidth, pageHeight);
        var content = b.Content ?? "";
        switch (b.Type)
        {
            case "list" or "equation_block" or "image_block":
                return null;
            case "table":
                return new Block { Type = BlockType.Table, BoundingBox = box, TableHtml = content };
            case "equation":
                return new Block { Type = BlockType.Equation, BoundingBox = box, Text = IsolatedFormula(content) };
            case "image" or "chart":
                return new Block { Type = BlockType.Image, BoundingBox = box };
            case "code" or "algorithm":
                return new Block { Type = BlockType.Code, BoundingBox = box, Text = CodeContent(content) };
        }
        var type = b.Type switch
        {
            "title" or "doc_title" or "paragraph_title" => BlockType.Title,
            "header" => BlockType.Header,
            "footer" => BlockType.Footer,
            "page_number" => BlockType.PageNumber,
            "page_footnote" => BlockType.PageFootnote,
            "aside_text" => BlockType.AsideText,
            _ => BlockType.Text,
        };
        content = CleanBrackets(content);
        if (type == BlockType.Title)
        {
            content = NewlineRun().Replace(content, " ").Trim();
        }
        var spans = Spans(content, box);
        return new Block
        {
            Type = type,
            BoundingBox = box,
            Lines = spans.Count == 0 ? [] : [new Line(box, spans)],
            Text = Join(spans),
        };
    }

    /// <summary>Text split at <c>\(…\)</c> when the delimiters balance; whitespace-only text between formulas dropped.</summary>
    internal static List<Span> Spans(string content, BoundingBox box)
    {
        if (content.Length == 0)
        {
            return [];
        }
        var opens = Count(content, @"\(");
        if (opens == 0 || opens != Count(content, @"\)"))
        {
            return [new Span(SpanType.Text, content, box)];
        }
        var spans = new List<Span>();
        var last = 0;
        foreach (Match m in InlineFormula().Matches(content))
        {
            if (m.Index > last && !string.IsNullOrWhiteSpace(content[last..m.Index]))
            {
                spans.Add(new Span(SpanType.Text, content[last..m.Index], box));
            }
            spans.Add(new Span(SpanType.InlineEquation, m.Groups[1].Value.Trim(), box));
            last = m.Index + m.Length;
        }
        if (last < content.Length && !string.IsNullOrWhiteSpace(content[last..]))
        {
            spans.Add(new Span(SpanType.Text, content[last..], box));
        }
        return spans;
    }

    /// <summary>The block's text as MinerU's Markdown writes it: inline equations as <c>$…$</c>.</summary>
    private static string Join(List<Span> spans)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < spans.Count; i++)
        {
            var s = spans[i];
            if (s.Type == SpanType.InlineEquation)
            {
                // Two formulas whose whitespace-only gap was dropped still need a space between them.
                if (i > 0 && spans[i - 1].Type == SpanType.InlineEquation)
                {
                    sb.Append(' ');
                }
                sb.Append('$').Append(s.Content).Append('$');
            }
            else
            {
                sb.Append(s.Content);
            }
        }
        return sb.ToString();
    }

    /// <summary>MinerU's isolated_formula_clean: outer <c>\[ \]</c> removed, trimmed.</summary>
    internal static string IsolatedFormula(string latex)
    {
        if (latex.StartsWith(@"\[", StringComparison.Ordinal))
        {
            latex = latex[2..];
        }
        if (latex.EndsWith(@"\]", StringComparison.Ordinal))
        {
            latex = latex[..^2];
        }
        return latex.Trim();
    }

    /// <summary>MinerU's clean_content: with balanced <c>\[ \]</c> in text, each <c>\[x\]</c> becomes <c>[x]</c>.</summary>
    internal static string CleanBrackets(string content)
    {
        var opens = Count(content, @"\[");
        return opens > 0 && opens == Count(content, @"\]") ? DisplayBrackets().Replace(content, "[$1]") : content;
    }

    /// <summary>MinerU's code_content_clean: a leading <c>```lang</c> line and a closing <c>```</c> line removed.</summary>
    internal static string CodeContent(string content)
    {
        if (content.Length == 0)
        {
            return "";
        }
        var lines = content.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var start = lines.Count > 0 && lines[0].StartsWith("```", StringComparison.Ordinal) ? 1 : 0;
        var end = lines.Count;
        if (end > start && lines[end - 1].Trim() == "```")
        {
            end--;
        }
        return start < end ? string.Join('\n', lines[start..end]).Trim() : "";
    }

    private static int Count(string s, string token)
    {
        var n = 0;
        for (var i = s.IndexOf(token, StringComparison.Ordinal); i >= 0; i = s.IndexOf(token, i + token.Length, StringComparison.Ordinal))
        {
            n++;
        }
        return n;
    }

    /// <summary>
    /// Captions and footnotes onto the nearest (by vertical gap, overlapping horizontally) table, figure or
    /// code block their label names; unlabelled ones onto the nearest of any. Unbound ones stay text.
    /// </summary>
    private static List<Block> BindCaptions(List<(Block Block, string Type)> mapped)
    {
        var result = new List<Block>(mapped.Count);
        var visuals = mapped.Where(m => m.Block.Type is BlockType.Table or BlockType.Image or BlockType.Code).Select(m => m.Block).ToList();
        foreach (var (block, type) in mapped)
        {
            var wanted = type switch
            {
                "table_caption" or "table_footnote" => [BlockType.Table],
                "image_caption" or "image_footnote" => [BlockType.Image],
                "code_caption" => [BlockType.Code],
                "caption" or "footnote" => new[] { BlockType.Table, BlockType.Image, BlockType.Code },
                _ => null,
            };
            if (wanted is null || Nearest(block.BoundingBox, visuals.Where(v => wanted.Contains(v.Type))) is not { } host)
            {
                result.Add(block);
                continue;
            }
            if (type.EndsWith("footnote", StringComparison.Ordinal))
            {
                host.Footnotes.Add(block.Text);
            }
            else
            {
                host.Captions.Add(block.Text);
                host.CaptionBoxes.Add(block.BoundingBox);
            }
        }
        return result;
    }

    private static Block? Nearest(BoundingBox box, IEnumerable<Block> candidates)
    {
        Block? best = null;
        var bestGap = double.MaxValue;
        foreach (var c in candidates)
        {
            if (c.BoundingBox.HorizontalOverlap(box) <= 0)
            {
                continue;
            }
            var gap = Math.Max(0, Math.Max(box.Y0 - c.BoundingBox.Y1, c.BoundingBox.Y0 - box.Y1));
            if (gap < bestGap)
            {
                best = c;
                bestGap = gap;
            }
        }
        return best;
    }

    [GeneratedRegex(@"\\\((.+?)\\\)")]
    private static partial Regex InlineFormula();

    [GeneratedRegex(@"\\\[(.*?)\\\]")]
    private static partial Regex DisplayBrackets();

    [GeneratedRegex(@"\n\s*")]
    private static partial Regex NewlineRun();
}
