using System.Text.Json.Nodes;
using Quarry.Core.Chunking;

namespace Quarry.Cli.Commands;

/// <summary><c>quarry chunk</c>: section chunks for RAG from a parse's content list, as JSON lines.</summary>
public static class ChunkCommand
{
    public const string Usage = """
        usage: quarry chunk OUT/<name> | <name>_content_list.json [--max-chars N]

        Prints one JSON object per line: {"id", "heading_path", "text", "pages", "chars"}. Chunks start at
        every title, stay under --max-chars (default 2000), and cite the 0-based pages they draw from.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, CancellationToken ct)
    {
        var a = new ArgReader(args, new Dictionary<string, string>(), new HashSet<string> { "--max-chars" }, new HashSet<string> { "--help" });
        if (a.Flag("--help"))
        {
            await stdout.WriteLineAsync(Usage);
            return 0;
        }
        if (a.Positionals.Count != 1)
        {
            throw new UsageException("chunk takes one parse folder or content list file");
        }
        var path = a.Positionals[0];
        if (Directory.Exists(path))
        {
            var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(path));
            path = Path.Combine(path, name + "_content_list.json");
        }
        if (!File.Exists(path))
        {
            throw new UsageException($"no content list at {path}");
        }
        var list = JsonNode.Parse(await File.ReadAllTextAsync(path, ct)) as JsonArray ?? throw new UsageException($"{path} is not a content list (a JSON array)");
        var prefix = Path.GetFileName(path).Replace("_content_list.json", "", StringComparison.Ordinal);
        foreach (var chunk in Chunker.FromContentList(list, prefix, a.GetInt("--max-chars", 2000)))
        {
            await stdout.WriteLineAsync(chunk.ToJson().ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        }
        return 0;
    }
}
