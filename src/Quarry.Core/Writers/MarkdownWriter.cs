using System.Text;
using Quarry.Core.Model;
using Quarry.Core.Text;

namespace Quarry.Core.Writers;

/// <summary>Writes the reading-order body of a document as Markdown; furniture is left out.</summary>
public static class MarkdownWriter
{
    public static string Write(ParsedDocument document) => Write(document.BodyBlocks);

    /// <summary>Markdown of body blocks in reading order (furniture and merged continuations skipped).</summary>
    public static string Write(IEnumerable<Block> blocks)
    {
        var parts = new List<string>();
        foreach (var block in blocks)
        {
            if (block.MergedIntoPrevious)
            {
                continue;
            }
            var md = Render(block);
            if (md.Length > 0)
            {
                parts.Add(md);
            }
        }
        return parts.Count == 0 ? "" : string.Join("\n\n", parts) + "\n";
    }

    public static string Render(Block block) => block.Type switch
    {
        BlockType.Title => new string('#', Math.Clamp(block.Level, 1, 6)) + " " + InlineMath.Escape(block, block.DocumentText),
        BlockType.Text => block.MarkdownText ?? InlineMath.Escape(block, block.DocumentText),
        BlockType.List => RenderList(block),
        BlockType.Code => RenderCode(block),
        BlockType.Equation => "$$\n" + block.Text + "\n$$",
        BlockType.Image => RenderImage(block),
        BlockType.Table => RenderTable(block),
        _ => "",
    };

    private static string RenderList(Block block)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < block.ListItems.Count; i++)
        {
            if (i > 0)
            {
                sb.Append('\n');
            }
            sb.Append(block.Ordered ? $"{block.ListStart + i}. " : "- ").Append(MarkdownEscaper.Escape(block.ListItems[i]));
        }
        return sb.ToString();
    }

    private static string RenderImage(Block block)
    {
        var parts = new List<Segment>();
        if (block.ImageName is not null)
        {
            parts.Add(new($"![](images/{block.ImageName})", false));
        }
        return Join([.. parts, .. block.Captions.Select(Line), .. block.Footnotes.Select(Line)]);
    }

    private static string RenderTable(Block block)
    {
        var body = new List<Segment>();
        if (!string.IsNullOrEmpty(block.TableHtml))
        {
            body.Add(new(block.TableHtml, true));
        }
        else if (block.ImageName is not null)
        {
            body.Add(new($"![](images/{block.ImageName})", false));
        }
        return Join([.. block.Captions.Select(Line), .. body, .. block.Footnotes.Select(Line)]);
    }

    /// <summary>Caption, fenced body, footnotes, as MinerU renders a code block.</summary>
    private static string RenderCode(Block block) =>
        Join([.. block.Captions.Select(Line), new Segment(MinerUNames.FencedCode(block), false), .. block.Footnotes.Select(Line)]);

    private static Segment Line(string text) => new(MarkdownEscaper.Escape(text), false);

    /// <summary>
    /// A visual block's parts joined as MinerU joins them: Markdown lines by a hard break, a newline before raw
    /// HTML, and a blank line after it, without which a renderer swallows the footnote into the HTML block.
    /// </summary>
    private static string Join(IReadOnlyList<Segment> parts)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < parts.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(parts[i - 1].Html ? "\n\n" : parts[i].Html ? "\n" : "  \n");
            }
            sb.Append(parts[i].Text);
        }
        return sb.ToString();
    }

    private readonly record struct Segment(string Text, bool Html);
}
