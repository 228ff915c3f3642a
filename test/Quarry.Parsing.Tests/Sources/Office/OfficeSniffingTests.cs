using System.IO.Compression;
using Quarry.Parsing.Errors;
using Quarry.Parsing.Sources;
using Quarry.Parsing.Sources.Office;
using static Quarry.Parsing.Tests.Sources.Office.OfficeFixtures;

namespace Quarry.Parsing.Tests.Sources.Office;

public class OfficeSniffingTests
{
    [Fact]
    public void Office_documents_are_told_apart_by_their_main_part_content_type()
    {
        Assert.Equal(InputFormat.Docx, InputSniffer.SniffDocument(Docx(P("x"))));
        Assert.Equal(InputFormat.Xlsx, InputSniffer.SniffDocument(Xlsx([("S", "<sheetData/>", null)])));
        Assert.Equal(InputFormat.Pptx, InputSniffer.SniffDocument(Pptx([(Shape("x", null, 0, 0), null)])));
    }

    [Fact]
    public void A_zip_is_only_a_zip_by_its_leading_bytes()
    {
        var docx = Docx(P("x"));
        Assert.Equal(InputFormat.Zip, InputSniffer.Sniff(docx.AsSpan(0, 1024)));
    }

    [Fact]
    public void A_plain_zip_is_an_unsupported_format()
    {
        var zip = Zip(("readme.txt", 10));
        var ex = Assert.Throws<ParseException>(() => Parse(zip));
        Assert.Equal(ErrorCode.UnsupportedFormat, ex.Code);
    }

    [Fact]
    public void An_opc_package_of_another_kind_is_an_unsupported_format()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var w = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open());
            w.Write("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override PartName=\"/x.xml\" ContentType=\"application/vnd.oasis.opendocument.text\"/></Types>");
        }
        var ex = Assert.Throws<ParseException>(() => Parse(stream.ToArray()));
        Assert.Equal(ErrorCode.UnsupportedFormat, ex.Code);
    }

    [Fact]
    public void A_truncated_office_document_is_reported_as_damaged()
    {
        var docx = Docx(P("x"));
        var ex = Assert.Throws<ParseException>(() => Parse(docx[..(docx.Length / 2)]));
        Assert.Equal(ErrorCode.InputCorrupt, ex.Code);
        Assert.Equal("INPUT_CORRUPT", ex.Code.ToWire());
        Assert.Contains("damaged", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Expanded_size_is_bounded_from_the_central_directory_before_anything_is_read()
    {
        // 4 MiB of zeros compress to a few KiB: over a 1 MiB limit, refused as a bomb.
        var zip = Zip(("[Content_Types].xml", 4 << 20));
        var ex = Assert.Throws<ParseException>(() => OfficePackage.Classify(zip, maxEntries: 100, maxExpandedBytes: 1 << 20));
        Assert.Equal(ErrorCode.InputTooLarge, ex.Code);
    }

    [Fact]
    public void Entry_count_is_bounded()
    {
        var zip = Zip([.. Enumerable.Range(0, 20).Select(i => ($"f{i}", 1))]);
        var ex = Assert.Throws<ParseException>(() => OfficePackage.Classify(zip, maxEntries: 10, maxExpandedBytes: 1 << 20));
        Assert.Equal(ErrorCode.InputTooLarge, ex.Code);
    }

    private static byte[] Zip(params (string Name, int Bytes)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                using var s = zip.CreateEntry(name).Open();
                s.Write(new byte[bytes]);
            }
        }
        return stream.ToArray();
    }
}
