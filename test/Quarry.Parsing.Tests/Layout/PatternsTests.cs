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
    [InlineData("Tabelle 2: Ergebnisse der Messung", true)]
    [InlineData("Abb. 3: Aufbau", true)]
    [InlineData("Таблица 1. Результаты", true)]
    [InlineData("表 1：实验结果", true)]
    [InlineData("Tabellenkalkulation im Alltag", false)]
    public void Recognises_captions(string text, bool caption) =>
        Assert.Equal(caption, Patterns.Caption().IsMatch(text));

    [Theory]
    [InlineData("© Copyright 1998, 2001 LATEX Project Team.", true)]
    [InlineData("Copyright 2020 The Authors", true)]
    [InlineData("14 February 2003", true)]
    [InlineData("December 12, 1995", true)]
    [InlineData("2022-07-05", true)]
    [InlineData("Copyright law in practice", false)] // a section about copyright is no notice
    [InlineData("March of the penguins", false)]
    [InlineData("2 Results", false)]
    public void Recognises_title_page_lines(string text, bool titlePage) =>
        Assert.Equal(titlePage, Patterns.TitlePageLine().IsMatch(text));

    [Theory]
    [InlineData("IV. Preconstructing command names", true)]
    [InlineData("B. Setup", true)]
    [InlineData("a) Character tokens", true)]
    [InlineData("(3) Overview", true)]
    [InlineData("a) the first item, which ends in a comma,", false)]
    [InlineData("A Study of Things", false)]
    public void Recognises_headings_numbered_in_other_schemes(string text, bool heading) =>
        Assert.Equal(heading, Patterns.SchemeHeading().IsMatch(text));
}
