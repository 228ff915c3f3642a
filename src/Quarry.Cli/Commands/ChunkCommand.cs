using System.CommandLine;
using System.Text.Json.Nodes;
using Quarry.Core.Chunking;

namespace Quarry.Cli.Commands;

/// <summary><c>quarry chunk</c>: section chunks for RAG from a parse's content list, as JSON lines.</summary>
public static class ChunkCommand
{
    private static readonly Argument<string[]> Input = CliOption.Inputs("OUT/<name>|<name>_content_list.json", "a parse folder or its content list");
    private static readonly Option<int> MaxChars = CliOption.Int("--max-chars", "N", "chunk size limit in characters", 2000);

    public static Command Create()
    {
        var command = new DocumentedCommand("chunk", "RAG section chunks of a parse, as JSON lines")
        {
            Epilog = """
                Prints one JSON object per line: {"id", "heading_path", "text", "pages", "chars"}. Chunks start at
                every title, stay under --max-chars, and cite the 0-based pages they draw from.
                """,
        };
        command.Add(Input);
        command.Add(MaxChars);
        command.Validators.Add(r =>
        {
            if (r.GetValue(Input) is not { Length: 1 })
            {
                r.AddError("chunk takes one parse folder or content list file");
            }
        });
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult a, CancellationToken ct)
    {
        var stdout = a.InvocationConfiguration.Output;
        var path = a.GetRequiredValue(Input)[0];
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
        foreach (var chunk in Chunker.FromContentList(list, prefix, a.GetValue(MaxChars)))
        {
            await stdout.WriteLineAsync(chunk.ToJson().ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        }
        return 0;
    }
}
