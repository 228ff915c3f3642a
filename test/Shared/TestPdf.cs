using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Quarry.Tests.Shared;

/// <summary>
/// Writes small real PDFs for tests (valid xref, Helvetica text, image XObjects, raw content streams), so a
/// test can build exactly the broken or hostile document it reproduces instead of keeping binary fixtures.
/// </summary>
internal sealed class TestPdf
{
    private const int CatalogId = 1, PagesId = 2, FontId = 3;
    private readonly List<byte[]?> _objects = [null, null, null];
    private readonly List<int> _pages = [];

    public TestPdf() => _objects[FontId - 1] = Latin1("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");

    /// <summary>Content that draws one line of Helvetica text at (72, <paramref name="y"/>).</summary>
    public static string Text(string text, double y = 720) =>
        string.Create(CultureInfo.InvariantCulture, $"BT /F1 12 Tf 72 {y} Td ({text}) Tj ET\n");

    /// <summary>Content that draws XObject <paramref name="name"/> scaled to a w×h box at (x, y).</summary>
    public static string Draw(string name, double x, double y, double w, double h) =>
        string.Create(CultureInfo.InvariantCulture, $"q {w} 0 0 {h} {x} {y} cm /{name} Do Q\n");

    /// <summary>Adds a stream object (its /Length is filled in) and returns its object number.</summary>
    public int AddStream(string dictionaryEntries, byte[] data)
    {
        var head = Latin1($"<< {dictionaryEntries} /Length {data.Length} >>\nstream\n");
        return Add([.. head, .. data, .. Latin1("\nendstream")]);
    }

    /// <summary>An image XObject; <paramref name="filter"/> is the /Filter name or null for raw samples.</summary>
    public int AddImage(int width, int height, string colorSpace, byte[] data, string? filter, int bitsPerComponent = 8) =>
        AddStream($"/Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace /{colorSpace} /BitsPerComponent {bitsPerComponent}"
            + (filter is null ? "" : $" /Filter /{filter}"), data);

    /// <summary>A page drawing <paramref name="content"/>; <paramref name="images"/> maps XObject names to object numbers.</summary>
    public TestPdf AddPage(string content, IReadOnlyDictionary<string, int>? images = null, string mediaBox = "0 0 612 792", int rotate = 0) =>
        AddPage(Latin1(content), images, mediaBox, rotate);

    public TestPdf AddPage(byte[] content, IReadOnlyDictionary<string, int>? images = null, string mediaBox = "0 0 612 792", int rotate = 0)
    {
        var contents = AddStream("", content);
        var xobjects = images is null ? "" : "/XObject << " + string.Join(" ", images.Select(kv => $"/{kv.Key} {kv.Value} 0 R")) + " >>";
        _pages.Add(Add(Latin1($"<< /Type /Page /Parent {PagesId} 0 R /MediaBox [{mediaBox}]{(rotate == 0 ? "" : $" /Rotate {rotate}")} /Resources << /Font << /F1 {FontId} 0 R >> {xobjects} >> /Contents {contents} 0 R >>")));
        return this;
    }

    public byte[] ToBytes()
    {
        _objects[CatalogId - 1] = Latin1($"<< /Type /Catalog /Pages {PagesId} 0 R >>");
        _objects[PagesId - 1] = Latin1($"<< /Type /Pages /Kids [{string.Join(" ", _pages.Select(p => $"{p} 0 R"))}] /Count {_pages.Count} >>");
        using var output = new MemoryStream();
        output.Write(Latin1("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n"));
        var offsets = new long[_objects.Count];
        for (var i = 0; i < _objects.Count; i++)
        {
            offsets[i] = output.Position;
            output.Write(Latin1($"{i + 1} 0 obj\n"));
            output.Write(_objects[i]);
            output.Write(Latin1("\nendobj\n"));
        }
        var xref = output.Position;
        var table = new StringBuilder($"xref\n0 {_objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            table.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }
        table.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {_objects.Count + 1} /Root {CatalogId} 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        output.Write(Latin1(table.ToString()));
        return output.ToArray();
    }

    /// <summary>zlib (FlateDecode) of <paramref name="length"/> copies of <paramref name="value"/>, written in chunks so a huge image stays cheap to make.</summary>
    public static byte[] Deflate(long length, byte value = 0)
    {
        using var output = new MemoryStream();
        using (var z = new ZLibStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var chunk = new byte[1 << 20];
            Array.Fill(chunk, value);
            for (var left = length; left > 0; left -= chunk.Length)
            {
                z.Write(chunk, 0, (int)Math.Min(chunk.Length, left));
            }
        }
        return output.ToArray();
    }

    public static byte[] Latin1(string s) => Encoding.Latin1.GetBytes(s);

    private int Add(byte[] body)
    {
        _objects.Add(body);
        return _objects.Count;
    }
}
