using System.Text.Json.Nodes;
using Quarry.Core.Model;
using Quarry.Core.Text;

namespace Quarry.Core.Readers;

/// <summary>
/// Reads MinerU content-list entries back into blocks, so a content list from anywhere (a remote parse,
/// a merge of several) can be rendered by the same writers. Boxes stay in the list's 0–1000 units.
/// </summary>
public static class ContentListReader
{
    public static Block? Read(JsonObject e)
    {
        var type = e["type"]?.GetValue<string>();
        var bbox = e["bbox"] is JsonArray b && b.Count == 4
            ? new BoundingBox(b[0]!.GetValue<double>(), b[1]!.GetValue<double>(), b[2]!.GetValue<double>(), b[3]!.GetValue<double>())
            : default;
        string Str(string key) => e[key]?.GetValue<string>() ?? "";
        // Text entries are Markdown-escaped as in the .md; the writers escape again when they render.
        string Text(string key) => MarkdownEscaper.Unescape(Str(key));
        List<string> Strs(string key) => (e[key] as JsonArray ?? []).Select(n => MarkdownEscaper.Unescape(n!.GetValue<string>())).ToList();
        Block block;
        switch (type)
        {
            case "text":
                var level = e["text_level"]?.GetValue<int>() ?? 0;
                return new Block { Type = level > 0 ? BlockType.Title : BlockType.Text, BoundingBox = bbox, Text = Text("text"), Level = level };
            case "list":
                return new Block { Type = BlockType.List, BoundingBox = bbox, ListItems = Strs("list_items"), Ordered = Str("attribute") == "ordered" || Str("sub_type") == "ordered" };
            case "code":
                block = new Block { Type = BlockType.Code, BoundingBox = bbox, Text = Unfence(Str("code_body")), CodeLanguage = e["guess_lang"]?.GetValue<string>() };
                block.Captions.AddRange(Strs("code_caption"));
                block.Footnotes.AddRange(Strs("code_footnote"));
                return block;
            case "equation":
                var latex = Str("text");
                if (latex.StartsWith("$$\n", StringComparison.Ordinal) && latex.EndsWith("\n$$", StringComparison.Ordinal))
                {
                    latex = latex[3..^3];
                }
                return new Block { Type = BlockType.Equation, BoundingBox = bbox, Text = latex };
            case "image":
                block = new Block { Type = BlockType.Image, BoundingBox = bbox, ImageName = ImageName(Str("img_path")) };
                block.Captions.AddRange(Strs("image_caption"));
                block.Footnotes.AddRange(Strs("image_footnote"));
                return block;
            case "table":
                block = new Block { Type = BlockType.Table, BoundingBox = bbox, TableHtml = Str("table_body"), ImageName = ImageName(Str("img_path")) };
                block.Captions.AddRange(Strs("table_caption"));
                block.Footnotes.AddRange(Strs("table_footnote"));
                return block;
            default:
                return null; // furniture and unknown types are not body content
        }
    }

    /// <summary>The code inside a fenced <c>code_body</c> (MinerU fences it); an unfenced body as is.</summary>
    private static string Unfence(string body)
    {
        if (!body.StartsWith("```", StringComparison.Ordinal) || !body.EndsWith("\n```", StringComparison.Ordinal))
        {
            return body;
        }
        var open = body.IndexOf('\n', StringComparison.Ordinal);
        return open < 0 || open + 1 > body.Length - 4 ? "" : body[(open + 1)..^4];
    }

    private static string? ImageName(string path) =>
        path.Length == 0 ? null : path.StartsWith("images/", StringComparison.Ordinal) ? path["images/".Length..] : path;
}
