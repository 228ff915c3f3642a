using Quarry.Core.Model;
using Quarry.Core.Writers;
using Quarry.Parsing.Errors;
using Quarry.Parsing.Imaging;
using Quarry.Parsing.Pipeline;
using Quarry.Parsing.Sources;
using Quarry.Tests.Shared;

namespace Quarry.Parsing.Tests.Sources;

/// <summary>GIF, BMP, WebP and JPEG 2000 inputs (samples/scan-top.*, made by samples/make-image-samples.sh) read as one-page scans.</summary>
public class ImageFormatTests
{
    public static TheoryData<string, InputFormat> Samples => new()
    {
        { "scan-top.gif", InputFormat.Gif },
        { "scan-top.bmp", InputFormat.Bmp },
        { "scan-top.webp", InputFormat.WebP },
        { "scan-top.jp2", InputFormat.Jpeg2000 },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Each_format_is_sniffed_from_its_bytes_and_read_as_a_one_page_scan(string sample, InputFormat format)
    {
        var bytes = File.ReadAllBytes(RepoPaths.Sample(sample));
        Assert.Equal(format, InputSniffer.Sniff(bytes));

        var doc = DocumentParser.Parse(bytes, "scan", "auto", new ParseOptions());

        var page = Assert.Single(doc.Pages);
        Assert.Equal(1275 * 72 / 150.0, page.Width, 1); // the pixels at the assumed 150 dpi
        Assert.Equal(625 * 72 / 150.0, page.Height, 1);
        // The whole picture is read, top (the title) to bottom (the list's last item); the recogniser's
        // own slips on this bold title ("Ouarry") are not what this test is about.
        Assert.StartsWith("Parsing Documents with", doc.BodyBlocks.First(b => b.Type == BlockType.Title).Text, StringComparison.Ordinal);
        var markdown = MarkdownWriter.Write(doc);
        Assert.Contains("born-digital documents into Markdown", markdown, StringComparison.Ordinal);
        Assert.Contains("- running headers, footers and page numbers", markdown, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void The_text_engine_refuses_an_image_with_a_clear_error(string sample, InputFormat format)
    {
        var bytes = File.ReadAllBytes(RepoPaths.Sample(sample));
        var ex = Assert.Throws<ParseException>(() => DocumentParser.Parse(bytes, "scan", "txt", new ParseOptions()));
        Assert.Equal(ErrorCode.UnsupportedFormat, ex.Code);
        Assert.Contains("no text layer", ex.Message, StringComparison.Ordinal);
        Assert.True(format.IsImage());
    }

    [Fact]
    public void Jpeg2000_size_is_read_from_the_header_of_a_jp2_file_and_of_a_bare_codestream()
    {
        var jp2 = File.ReadAllBytes(RepoPaths.Sample("scan-top.jp2"));
        Assert.Equal((1275, 625), Jpeg2000.Dimensions(jp2));

        // A J2K codestream: SOC, then SIZ (length, capabilities, Xsiz, Ysiz, XOsiz, YOsiz, …) with an image offset.
        byte[] codestream = [0xFF, 0x4F, 0xFF, 0x51, 0x00, 0x29, 0x00, 0x00, 0, 0, 0x03, 0xE8, 0, 0, 0x02, 0x58, 0, 0, 0, 100, 0, 0, 0, 50];
        Assert.Equal(InputFormat.Jpeg2000, InputSniffer.Sniff(codestream));
        Assert.Equal((900, 550), Jpeg2000.Dimensions(codestream));
    }

    [Fact]
    public void A_damaged_jpeg2000_gets_a_structured_error_and_the_decoder_leaves_no_files()
    {
        var jp2 = File.ReadAllBytes(RepoPaths.Sample("scan-top.jp2"));
        var before = Directory.GetDirectories(Path.GetTempPath(), "quarry-jp2-*").Length;

        var cut = Assert.Throws<ParseException>(() => DocumentParser.Parse(jp2[..(jp2.Length / 3)], "cut", "ocr", new ParseOptions()));
        Assert.Equal(ErrorCode.UnsupportedFormat, cut.Code);
        Assert.Contains("JPEG 2000", cut.Message, StringComparison.Ordinal);

        var headerOnly = Assert.Throws<ParseException>(() => DocumentParser.Parse(jp2[..40], "head", "ocr", new ParseOptions()));
        Assert.Equal(ErrorCode.UnsupportedFormat, headerOnly.Code);
        Assert.Equal(before, Directory.GetDirectories(Path.GetTempPath(), "quarry-jp2-*").Length);
    }

    [Fact]
    public void An_oversized_jpeg2000_is_refused_from_its_header_before_decoding()
    {
        // A codestream header claiming 100 000 × 100 000 pixels and nothing after it.
        byte[] huge = [0xFF, 0x4F, 0xFF, 0x51, 0x00, 0x29, 0x00, 0x00, 0, 0x01, 0x86, 0xA0, 0, 0x01, 0x86, 0xA0, 0, 0, 0, 0, 0, 0, 0, 0];
        var ex = Assert.Throws<ParseException>(() => DocumentParser.Parse(huge, "huge", "ocr", new ParseOptions()));
        Assert.Equal(ErrorCode.InputTooLarge, ex.Code);
    }

    [Theory]
    [InlineData(new byte[] { 0x42, 0x4D, 0x20, 0x69, 0x73, 0x20, 0x6E, 0x6F, 0x74, 0x20, 0x61, 0x20, 0x62, 0x69, 0x74, 0x6D, 0x61, 0x70 })] // "BM is not a bitmap"
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x41, 0x56, 0x45 })] // RIFF WAVE audio
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x38, 0x61 })] // "GIF88a" is no GIF version
    public void Lookalike_headers_are_not_images(byte[] head) => Assert.Equal(InputFormat.Unknown, InputSniffer.Sniff(head));
}
