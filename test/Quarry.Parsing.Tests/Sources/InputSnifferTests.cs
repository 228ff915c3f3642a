using Quarry.Parsing.Sources;

namespace Quarry.Parsing.Tests.Sources;

public class InputSnifferTests
{
    [Theory]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 }, InputFormat.Pdf)]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0 }, InputFormat.Png)]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, InputFormat.Jpeg)]
    [InlineData(new byte[] { 0x49, 0x49, 0x2A, 0x00 }, InputFormat.Tiff)]
    [InlineData(new byte[] { 0x3C, 0x68, 0x74, 0x6D, 0x6C }, InputFormat.Unknown)]
    [InlineData(new byte[0], InputFormat.Unknown)]
    public void Sniffs_by_leading_bytes(byte[] head, InputFormat expected) =>
        Assert.Equal(expected, InputSniffer.Sniff(head));

    [Fact]
    public void Pdf_header_after_junk_within_1024_bytes_is_still_a_pdf()
    {
        var bytes = new byte[600];
        "%PDF-1.7"u8.CopyTo(bytes.AsSpan(500));
        Assert.Equal(InputFormat.Pdf, InputSniffer.Sniff(bytes));
    }
}
