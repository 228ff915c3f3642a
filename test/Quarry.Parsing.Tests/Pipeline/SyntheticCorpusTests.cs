using System.Text.Json;
using Quarry.Core.Model;
using Quarry.Core.Writers;
using Quarry.Parsing.Pipeline;
using Quarry.Tests.Shared;

namespace Quarry.Parsing.Tests.Pipeline;

/// <summary>
/// Behaviour on the shared born-digital corpus: every true heading comes out as a heading at its level,
/// every true table as a table, and no running header or page number leaks into the Markdown.
/// (Scores are measured by bench/, not asserted here.)
/// </summary>
public class SyntheticCorpusTests
{
    public static TheoryData<string> Documents()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.EnumerateDirectories(RepoPaths.Corpus("synthetic")).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(dir));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Corpus_document_keeps_its_structure(string id)
    {
        var dir = Path.Combine(RepoPaths.Corpus("synthetic"), id);
        using var truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "truth.json")));
        var doc = DocumentParser.Parse(File.ReadAllBytes(Path.Combine(dir, "doc.pdf")), id, "txt", new ParseOptions());
        var titles = doc.BodyBlocks.Where(b => b.Type == BlockType.Title).Select(b => (b.Level, b.Text)).ToList();
        foreach (var h in truth.RootElement.GetProperty("headings").EnumerateArray())
        {
            Assert.Contains((h.GetProperty("level").GetInt32(), h.GetProperty("text").GetString()!), titles);
        }
        var tables = doc.BodyBlocks.Count(b => b.Type == BlockType.Table && !b.MergedIntoPrevious);
        Assert.Equal(truth.RootElement.GetProperty("tables").GetArrayLength(), tables);
        var md = MarkdownWriter.Write(doc);
        Assert.DoesNotContain("Quarterly Operations Review", md, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?m)^\s*(Page\s+)?\d{1,3}\s*$", md);
    }
}
