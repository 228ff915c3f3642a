using Quarry.Parsing.Pipeline;
using Quarry.Parsing.Errors;
using Quarry.Parsing.Sources;
using Quarry.Tests.Shared;
using UglyToad.PdfPig.Core;

namespace Quarry.Parsing.Tests.Sources;

/// <summary>User-facing messages say what is wrong and what to do; library internals stay in the inner exception.</summary>
public class ErrorMessageTests
{
    [Fact]
    public void A_library_cast_failure_becomes_an_actionable_message_and_keeps_the_detail_inside()
    {
        var inner = new InvalidCastException("Unable to cast object of type 'UglyToad.PdfPig.Tokens.NameToken' to type 'UglyToad.PdfPig.Tokens.DictionaryToken'.");
        var ex = PdfOpener.Classify(inner);
        Assert.Equal(ErrorCode.PdfCorrupt, ex.Code);
        Assert.DoesNotContain("UglyToad", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("cast", ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("the PDF is damaged and could not be read; repairing it", ex.Message, StringComparison.Ordinal);
        Assert.Same(inner, ex.InnerException);
    }

    [Fact]
    public void An_object_number_in_the_library_message_is_passed_on()
    {
        var ex = PdfOpener.Classify(new PdfDocumentFormatException("Could not find the object 12 0 R in the cross reference table: Index was outside the bounds of the array."));
        Assert.StartsWith("the PDF is damaged and could not be read (object 12 0 is malformed)", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Index was outside", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bitflips.pdf", "the PDF is damaged and could not be read (object 125 0 is malformed); repairing it")] // was: "…type DictionaryToken instead, it was found with type ObjectToken."
    [InlineData("truncated-half.pdf", "the PDF is damaged and could not be read; repairing it")] // was: "…Could not find an xref trailer or stream dictionary in the input file."
    public void A_real_damaged_pdf_gets_no_library_text(string file, string message)
    {
        var ex = Assert.Throws<ParseException>(() => DocumentParser.Parse(File.ReadAllBytes(Path.Combine(RepoPaths.Corpus("bad"), file)), "c", "txt", new ParseOptions()));
        Assert.Equal(ErrorCode.PdfCorrupt, ex.Code);
        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Token", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(ex.InnerException);
    }
}
