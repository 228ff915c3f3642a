using System.Text;
using System.Text.Json.Nodes;
using Quarry.Core.Model;
using Quarry.Core.Readers;
using Quarry.Core.Writers;

namespace Quarry.Core.Chunking;

/// <summary>A retrieval chunk: a piece of one section, with where it sits (heading path) and what it cites (pages).</summary>
public sealed record Chunk(string Id, IReadOnlyList<string> HeadingPath, string Text, IReadOnlyList<int> Pages)
{
    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["heading_path"] = new JsonArray(HeadingPath.Select(h => (JsonNode)h).ToArray()),
        ["text"] = Text,
        ["pages"] = new JsonArray(Pages.Select(p => (JsonNode)p).ToArray()),
        ["chars"] = Text.Length,
    };
}

/// <summary>
/// Splits a parse into section chunks for RAG: a new chunk at every title, blocks added while the chunk
/// stays under <c>maxChars</c>, an overlong paragraph cut at sentence ends. Each chunk keeps its heading path
/// (the titles above it, outermost first) and the 0-based pages it draws from. Furniture never enters a chunk.
/// </summary>
public static class Chunker
{
    public static List<Chunk> FromContentList(JsonArray contentList, string idPrefix, int maxChars = 2000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChars, 200);
        var chunks = new List<Chunk>();
        var path = new List<(int Level, string Title)>();
        var text = new StringBuilder();
        var pages = new SortedSet<int>();

        void Flush()
        {
            if (text.Length > 0)
            {
                chunks.Add(new Chunk($"{idPrefix}#{chunks.Count}", path.Select(p => p.Title).ToList(), text.ToString(), pages.ToList()));
            }
            text.Clear();
            pages.Clear();
        }

        foreach (var node in contentList)
        {
            if (node is not JsonObject entry || ContentListReader.Read(entry) is not { } block)
            {
                continue;
            }
            var page = entry["page_idx"]?.GetValue<int>() ?? 0;
            if (block.Type == BlockType.Title)
            {
                Flush();
                var level = Math.Max(1, block.Level);
                path.RemoveAll(p => p.Level >= level);
                path.Add((level, block.Text));
                continue;
            }
            foreach (var piece in Pieces(MarkdownWriter.Render(block), maxChars))
            {
                if (text.Length > 0 && text.Length + 2 + piece.Length > maxChars)
                {
                    Flush();
                }
                if (text.Length > 0)
                {
                    text.Append("\n\n");
                }
                text.Append(piece);
                pages.Add(page);
            }
        }
        Flush();
        return chunks;
    }

    /// <summary>A block's Markdown, cut at sentence ends (or, failing that, at spaces) when longer than the limit.</summary>
    private static IEnumerable<string> Pieces(string markdown, int maxChars)
    {
        if (markdown.Length <= maxChars)
        {
            yield return markdown;
            yield break;
        }
        var rest = markdown;
        while (rest.Length > maxChars)
        {
            var window = rest[..maxChars];
            var cut = Math.Max(window.LastIndexOf(". ", StringComparison.Ordinal), Math.Max(window.LastIndexOf("? ", StringComparison.Ordinal), window.LastIndexOf("! ", StringComparison.Ordinal)));
            cut = cut > maxChars / 3 ? cut + 1 : window.LastIndexOf(' ');
            if (cut <= 0)
            {
                cut = maxChars;
            }
            yield return rest[..cut].Trim();
            rest = rest[cut..].TrimStart();
        }
        if (rest.Length > 0)
        {
            yield return rest;
        }
    }
}
