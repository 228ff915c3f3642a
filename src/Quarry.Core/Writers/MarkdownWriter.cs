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
        BlockType.Title => new string('#', Math.Clamp(block.Level, 1, 6)) + " " + MarkdownEscaper.Escape(block.DocumentText),
        BlockType.Text => MarkdownEscaper.Escape(block.DocumentText),
        BlockType.List => RenderList(block),
        BlockType.Code => "```" + (block.CodeLanguage ?? "") + "\n" + block.Text + "\n```",
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
            sb.Append(block.Ordered ? $"{i + 1}. " : "- ").Append(MarkdownEscaper.Escape(block.ListItems[i]));
        }
        return sb.ToString();
    }

    private static string RenderImage(Block block)
    {
        var lines = new List<string>();
        if (block.ImageName is not null)
        {
            lines.Add($"![](images/{block.ImageName})");
        }
        lines.AddRange(block.Captions.Select(MarkdownEscaper.Escape));
        lines.AddRange(block.Footnotes.Select(MarkdownEscaper.Escape));
        return string.Join("  \n", lines);
    }

    private static string RenderTable(Block block)
    {
        var lines = new List<string>();
        lines.AddRange(block.Captions.Select(MarkdownEscaper.Escape));
        if (!string.IsNullOrEmpty(block.TableHtml))
        {
            lines.Add(block.TableHtml);
        }
        else if (block.ImageName is not null)
        {
            lines.Add($"![](images/{block.ImageName})");
        }
        lines.AddRange(block.Footnotes.Select(MarkdownEscaper.Escape));
        return string.Join("\n", lines);
    }
}
