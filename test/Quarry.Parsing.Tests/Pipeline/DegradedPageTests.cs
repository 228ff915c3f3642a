using Quarry.Parsing.Pipeline;
using Quarry.Parsing.Readers.Ocr;
using Quarry.Parsing.Readers.TextLayer;
using Quarry.Tests.Shared;

namespace Quarry.Parsing.Tests.Pipeline;

/// <summary>A page that cannot be read in full keeps what could be read and is marked degraded; the other pages are untouched.</summary>
public class DegradedPageTests
{
    /// <summary>36 pages of text; page <paramref name="brokenPage"/> (1-based) also draws <paramref name="inlineImage"/> between two lines.</summary>
    internal static byte[] Document(int brokenPage, string inlineImage, int pages = 36)
    {
        var pdf = new TestPdf();
        for (var p = 1; p <= pages; p++)
        {
            var content = TestPdf.Text($"Page {p} opens with this line.");
            if (p == brokenPage)
            {
                content += "q 100 0 0 100 72 300 cm\n" + inlineImage + " Q\n" + TestPdf.Text("Text after the image.", 200);
            }
            pdf.AddPage(content);
        }
        return pdf.ToBytes();
    }

    /// <summary>An inline image without its required /W: PdfPig cannot build the page at all.</summary>
    internal const string MissingWidth = "BI /H 10 /BPC 8 /CS /G ID\nabcdefghij\nEI";

    /// <summary>An inline image whose data is far too short for its filter chain (hex, then Flate): the page reads, the image does not.</summary>
    internal const string BadFilterChain = "BI /W 10 /H 10 /BPC 8 /CS /RGB /F [/AHx /Fl] ID\nzz>\nEI";

    [Fact]
    public void A_malformed_inline_image_on_page_30_degrades_that_page_only()
    {
        // Before: the whole document failed as PDF_CORRUPT ("Inline image dictionary missing required entry /Width//W.").
        var doc = DocumentParser.Parse(Document(30, MissingWidth), "broken", "txt", new ParseOptions());
        Assert.Equal(36, doc.Pages.Count);
        var degraded = Assert.Single(doc.DegradedPages);
        Assert.Equal(29, degraded.PageIndex);
        Assert.Equal(PageContentReader.UnreadableContent, degraded.Reason);
        Assert.Equal(612, doc.Pages[29].Width);
        for (var p = 0; p < 36; p++)
        {
            if (p != 29)
            {
                // The line repeats on every page, so furniture detection may discard it: it must be read either way.
                Assert.Contains(doc.Pages[p].Blocks.Concat(doc.Pages[p].Discarded), b => b.Text == $"Page {p + 1} opens with this line.");
            }
        }
    }

    [Fact]
    public void An_image_that_cannot_be_decoded_leaves_the_text_of_its_page()
    {
        // Before: "Index was outside the bounds of the array." failed the document as PDF_CORRUPT.
        var doc = DocumentParser.Parse(Document(2, BadFilterChain, pages: 3), "broken", "txt", new ParseOptions());
        var degraded = Assert.Single(doc.DegradedPages);
        Assert.Equal((1, PageContentReader.UnreadableImage), (degraded.PageIndex, degraded.Reason));
        Assert.Contains(doc.Pages[1].Blocks.Concat(doc.Pages[1].Discarded), b => b.Text == "Page 2 opens with this line.");
        Assert.Contains(doc.Pages[1].Blocks, b => b.Text == "Text after the image.");
    }

    [Fact]
    public void Under_auto_an_unreadable_page_is_recovered_by_ocr()
    {
        var doc = DocumentParser.Parse(Document(2, MissingWidth, pages: 3), "broken", "auto", new ParseOptions());
        var degraded = Assert.Single(doc.DegradedPages);
        Assert.Equal(PageOcr.RecoveredByOcrReason, degraded.Reason);
        Assert.Contains(doc.Pages[1].Blocks, b => b.Text != null && b.Text.Contains("after the image", StringComparison.OrdinalIgnoreCase));
    }
}
