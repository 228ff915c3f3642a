namespace Quarry.Parsing.Tests.Conformance;

/// <summary>
/// MinerU's own readers, as <see cref="MinerURulesReader"/> follows them, walk every block of every real
/// output without a missing key: union_make's three modes, draw_span_bbox, draw_layout_bbox, VLM list rules.
/// </summary>
public class MinerURulesReaderTests
{
    [Fact]
    public void Every_corpus_output_reads_without_a_missing_key()
    {
        var failures = new List<string>();
        foreach (var output in CorpusOutputs.All)
        {
            try
            {
                MinerURulesReader.Read(output.Middle);
            }
            catch (MinerUReaderException ex)
            {
                failures.Add($"{output.Id}: {ex.Message}");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {CorpusOutputs.All.Count} outputs fail MinerU's reader rules:\n{string.Join("\n", failures)}");
    }
}
