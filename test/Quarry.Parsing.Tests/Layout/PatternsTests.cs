using Quarry.Parsing.Layout;

namespace Quarry.Parsing.Tests.Layout;

public class PatternsTests
{
    [Theory]
    [InlineData("Table 1: Table 1: Score by model", "Table 1: Score by model")]
    [InlineData("Table.1: Table 1: Latency by batch", "Table 1: Latency by batch")] // OCR read a speck as a stop
    [InlineData("Figure 2. Figure 2: Throughput", "Figure 2: Throughput")]
    [InlineData("Table 1: Table 2 compared", "Table 1: Table 2 compared")] // different numbers: not a doubled label
    [InlineData("Table 3: Results", "Table 3: Results")]
    public void Undoubles_a_repeated_caption_label(string caption, string expected) =>
        Assert.Equal(expected, Patterns.UndoubleLabel(caption));

    [Theory]
    [InlineData("Table 1: Latency", true)]
    [InlineData("Table.1: Latency", true)]
    [InlineData("Fig.3: A plot", true)]
    [InlineData("Tables are useful: here", false)]
    public void Recognises_captions(string text, bool caption) =>
        Assert.Equal(caption, Patterns.Caption().IsMatch(text));
}
