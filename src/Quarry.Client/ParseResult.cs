using System.Text.Json.Nodes;

namespace Quarry.Client;

/// <summary>A parse as the caller uses it, whatever transport carried it: Markdown, content lists, middle JSON, images.</summary>
public sealed class ParseResult
{
    public required string Basename { get; init; }
    public required string Markdown { get; init; }
    public required JsonArray ContentList { get; init; }
    public JsonArray? ContentListV2 { get; init; }
    public JsonObject? Middle { get; init; }
    public IReadOnlyDictionary<string, byte[]> Images { get; init; } = new Dictionary<string, byte[]>();
    public int StartPage { get; init; }
    public int Pages { get; init; }
    public int SourcePages { get; init; }
    public string Transport { get; init; } = "";
    public string? JobId { get; init; }

    /// <summary>Writes <c>DIR/B/…</c> exactly as <c>quarry parse -o DIR</c> would.</summary>
    public void WriteTo(string directory)
    {
        var dir = Path.Combine(directory, Basename);
        Directory.CreateDirectory(Path.Combine(dir, "images"));
        File.WriteAllText(Path.Combine(dir, Basename + ".md"), Markdown);
        File.WriteAllText(Path.Combine(dir, Basename + "_content_list.json"), Json.Write(ContentList));
        if (ContentListV2 is not null)
        {
            File.WriteAllText(Path.Combine(dir, Basename + "_content_list_v2.json"), Json.Write(ContentListV2));
        }
        if (Middle is not null)
        {
            File.WriteAllText(Path.Combine(dir, Basename + "_middle.json"), Json.Write(Middle));
        }
        foreach (var (name, data) in Images)
        {
            File.WriteAllBytes(Path.Combine(dir, "images", name), data);
        }
    }
}

internal static class Json
{
    private static readonly System.Text.Json.JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        IndentSize = 4,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(JsonNode node) => node.ToJsonString(Options);
}
