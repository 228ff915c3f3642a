using System.Text.Json.Nodes;
using Quarry.Core.Output;
using Quarry.Parsing.Pipeline;
using Quarry.Tests.Shared;

namespace Quarry.Parsing.Tests.Conformance;

/// <summary>One real parse's output files, as written to disk: the JSON files parsed, the Markdown as text.</summary>
public sealed record DocumentOutput(string Id, JsonNode Middle, JsonArray ContentList, JsonArray ContentListV2, string Markdown);

/// <summary>
/// The real outputs of the samples and the synthetic corpus (text-layer engine), made once per test run
/// through <see cref="OutputBundle"/>, the same path <c>quarry parse</c> writes with.
/// </summary>
public static class CorpusOutputs
{
    private static readonly Lazy<IReadOnlyList<DocumentOutput>> s_all = new(Load);

    public static IReadOnlyList<DocumentOutput> All => s_all.Value;

    private static IReadOnlyList<DocumentOutput> Load()
    {
        var inputs = new List<(string Id, string Pdf)>
        {
            ("report", RepoPaths.Sample("report.pdf")),
            ("two-column", RepoPaths.Sample("two-column.pdf")),
        };
        foreach (var dir in Directory.EnumerateDirectories(RepoPaths.Corpus("synthetic")).Order(StringComparer.Ordinal))
        {
            inputs.Add((Path.GetFileName(dir), Path.Combine(dir, "doc.pdf")));
        }
        return inputs.AsParallel().AsOrdered().Select(i =>
        {
            var doc = DocumentParser.Parse(File.ReadAllBytes(i.Pdf), i.Id, "txt", new ParseOptions { MaxDegreeOfParallelism = 1 });
            var files = OutputBundle.From(doc).Files.ToDictionary(f => f.Path, f => f.ToArray());
            return new DocumentOutput(
                i.Id,
                JsonNode.Parse(files[$"{i.Id}_middle.json"])!,
                JsonNode.Parse(files[$"{i.Id}_content_list.json"])!.AsArray(),
                JsonNode.Parse(files[$"{i.Id}_content_list_v2.json"])!.AsArray(),
                System.Text.Encoding.UTF8.GetString(files[$"{i.Id}.md"]));
        }).ToList();
    }
}
