using Quarry.Core.Model;
using Quarry.Core.Writers;
using Quarry.Parsing.Pipeline;
using Quarry.Tests.Shared;

namespace Quarry.Parsing.Tests.Layout.Tables;

/// <summary>
/// A caption line directly above or below a table ("Table 3:", "TABLE III", "Tabelle 2:") and the notes
/// directly under it ("Note:", "Source:", "*") are bound to the table; prose that mentions the table and
/// notes that do not touch it stay text.
/// </summary>
public class TableCaptionTests
{
    private static readonly string[][] Cells = GridPdf.Cells(5, 4);

    // The grid spans x 80..336 and y 600 (top) .. 500 (bottom), y up.
    private static (Block Table, ParsedDocument Doc) Parse(string around)
    {
        var pdf = new TestPdf().AddPage(GridPdf.Draw(Cells, 80, 600) + around).ToBytes();
        var doc = DocumentParser.Parse(pdf, "captions", "txt", new ParseOptions());
        return (Assert.Single(doc.Pages[0].Blocks, b => b.Type == BlockType.Table), doc);
    }

    private static IEnumerable<string> Texts(ParsedDocument doc) => doc.Pages[0].Blocks.Where(b => b.Type != BlockType.Table).Select(b => b.Text);

    [Fact]
    public void An_ieee_label_over_a_title_and_notes_under_the_table_bind_to_it()
    {
        var (table, doc) = Parse(GridPdf.Word("TABLE III", 180, 624) + GridPdf.Word("Cargo Handled by Port", 150, 611)
                                 + GridPdf.Word("Note: figures in million tonnes.", 80, 486) + GridPdf.Word("* Provisional.", 80, 473));
        Assert.Equal("TABLE III Cargo Handled by Port", Assert.Single(table.Captions));
        Assert.Equal(["Note: figures in million tonnes.", "* Provisional."], table.Footnotes);
        Assert.Empty(Texts(doc));
        var md = MarkdownWriter.Write(doc);
        Assert.True(md.IndexOf("TABLE III", StringComparison.Ordinal) < md.IndexOf("<table>", StringComparison.Ordinal));
        Assert.True(md.IndexOf("</table>", StringComparison.Ordinal) < md.IndexOf("Note:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_localised_caption_below_the_table_binds_and_a_source_line_under_it_is_a_footnote()
    {
        var (table, doc) = Parse(GridPdf.Word("Tabelle 2: Umschlag nach Hafen", 80, 486) + GridPdf.Word("Quelle: Hafenbeh\u00f6rden.", 80, 473));
        Assert.Equal("Tabelle 2: Umschlag nach Hafen", Assert.Single(table.Captions));
        Assert.Equal("Quelle: Hafenbeh\u00f6rden.", Assert.Single(table.Footnotes));
        Assert.Empty(Texts(doc));
    }

    [Fact]
    public void A_sentence_that_mentions_the_table_right_above_it_stays_text()
    {
        var (table, doc) = Parse(GridPdf.Word("Table 3 shows the cargo handled by each port.", 80, 611));
        Assert.Empty(table.Captions);
        Assert.Contains("Table 3 shows the cargo handled by each port.", Texts(doc));
    }

    [Fact]
    public void A_caption_or_note_with_a_paragraph_between_it_and_the_table_stays_text()
    {
        // Paragraphs set apart; the caption is within a few lines of the table, but not next to it.
        var (table, doc) = Parse(GridPdf.Word("The ports reported their figures in spring.", 80, 488)
                                 + GridPdf.Word("Table 4: Ships by port", 80, 466)
                                 + GridPdf.Word("Source: port authorities.", 80, 444));
        Assert.Empty(table.Captions);
        Assert.Empty(table.Footnotes);
        Assert.Contains("Table 4: Ships by port", Texts(doc));
        Assert.Contains("Source: port authorities.", Texts(doc));
    }
}
