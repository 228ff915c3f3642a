using System.IO.Compression;
using System.Text;

namespace Quarry.Parsing.Sources;

/// <summary>
/// A rough map from object number to the object's text, read from the raw bytes without the PDF library:
/// uncompressed objects by their <c>N G obj</c> headers (a later definition, as an incremental update
/// makes, wins) and the objects inside Flate object streams. Only what <see cref="StructureCheck"/> needs
/// to look at the page tree before PdfPig opens the file; it never decides how a document is read.
/// </summary>
internal sealed class RawObjectIndex
{
    /// <summary>Bytes of object-stream content inflated in all, so a hostile stream cannot make this costly.</summary>
    private const int MaxInflatedBytes = 64 * 1024 * 1024;

    /// <summary>How much of an object is looked at: enough for any dictionary a page-tree node holds.</summary>
    private const int MaxObjectChars = 256 * 1024;

    private readonly Dictionary<int, string> _objects = [];

    private RawObjectIndex()
    {
    }

    public int Count => _objects.Count;

    public string? Get(int number) => _objects.GetValueOrDefault(number);

    public IEnumerable<string> All => _objects.Values;

    public static RawObjectIndex Build(ReadOnlySpan<byte> pdf)
    {
        var index = new RawObjectIndex();
        var inflated = 0;
        var pos = 0;
        while (pos < pdf.Length)
        {
            var hit = pdf[pos..].IndexOf("obj"u8);
            if (hit < 0)
            {
                break;
            }
            var at = pos + hit;
            pos = at + 3;
            if (at > 0 && pdf[at - 1] == (byte)'d')
            {
                continue; // "endobj"
            }
            if (!TryReadHeader(pdf, at, out var number) || (pos < pdf.Length && !IsDelimiter(pdf[pos])))
            {
                continue;
            }
            var end = pdf[pos..].IndexOf("endobj"u8);
            var body = end < 0 ? pdf[pos..] : pdf.Slice(pos, end);
            var streamAt = body.IndexOf("stream"u8);
            var dictionary = streamAt < 0 ? body : body[..streamAt];
            var text = Encoding.Latin1.GetString(dictionary[..Math.Min(dictionary.Length, MaxObjectChars)]);
            index._objects[number] = text;
            if (streamAt >= 0 && StructurePatterns.ObjectStream().IsMatch(text))
            {
                inflated += index.AddObjectStream(text, body[(streamAt + 6)..], MaxInflatedBytes - inflated);
            }
            // Skip the object's body: stream data may hold anything, "obj" included.
            pos = end < 0 ? pdf.Length : pos + end + 6;
        }
        return index;
    }

    /// <summary>Adds the objects an object stream holds; returns the bytes inflated.</summary>
    private int AddObjectStream(string dictionary, ReadOnlySpan<byte> afterKeyword, int budget)
    {
        if (budget <= 0 || !StructurePatterns.Flate().IsMatch(dictionary)
            || StructurePatterns.First().Match(dictionary) is not { Success: true } firstMatch
            || !int.TryParse(firstMatch.Groups[1].ValueSpan, out var first))
        {
            return 0;
        }
        var start = afterKeyword.StartsWith("\r\n"u8) ? 2 : afterKeyword.Length > 0 && afterKeyword[0] is (byte)'\n' or (byte)'\r' ? 1 : 0;
        var data = afterKeyword[start..];
        var stop = data.IndexOf("endstream"u8);
        var content = Inflate(stop < 0 ? data : data[..stop], budget);
        if (content.Length == 0)
        {
            return 0;
        }
        var text = Encoding.Latin1.GetString(content);
        var header = text[..Math.Min(first, text.Length)];
        var pairs = StructurePatterns.Integer().Matches(header).Select(m => int.TryParse(m.ValueSpan, out var n) ? n : -1).ToList();
        for (var i = 0; i + 1 < pairs.Count; i += 2)
        {
            var from = first + pairs[i + 1];
            var to = i + 3 < pairs.Count ? first + pairs[i + 3] : text.Length;
            if (pairs[i] >= 0 && from >= first && from < text.Length && to > from && to <= text.Length)
            {
                _objects.TryAdd(pairs[i], text[from..Math.Min(to, from + MaxObjectChars)]);
            }
        }
        return content.Length;
    }

    private static byte[] Inflate(ReadOnlySpan<byte> compressed, int budget)
    {
        try
        {
            using var input = new MemoryStream(compressed.ToArray());
            using var zlib = new ZLibStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int n;
            while ((n = zlib.Read(buffer)) > 0 && output.Length < budget)
            {
                output.Write(buffer, 0, (int)Math.Min(n, budget - output.Length));
            }
            return output.ToArray();
        }
        catch (InvalidDataException)
        {
            return []; // damaged stream: PdfPig will judge the object itself
        }
    }

    /// <summary>Reads "N G" backwards from the "obj" keyword at <paramref name="at"/>: whitespace, generation, whitespace, number.</summary>
    private static bool TryReadHeader(ReadOnlySpan<byte> pdf, int at, out int number)
    {
        number = 0;
        var genEnd = SkipBack(pdf, at - 1, IsSpace);
        var genStart = SkipBack(pdf, genEnd, IsDigit);
        var numEnd = SkipBack(pdf, genStart, IsSpace);
        var numStart = SkipBack(pdf, numEnd, IsDigit);
        return genEnd != at - 1 && genStart != genEnd && numEnd != genStart && numStart != numEnd
            && numEnd - numStart <= 9 && int.TryParse(pdf[(numStart + 1)..(numEnd + 1)], out number);
    }

    /// <summary>The index of the last byte before <paramref name="i"/>'s run of bytes matching <paramref name="match"/> (−1 at the start).</summary>
    private static int SkipBack(ReadOnlySpan<byte> pdf, int i, Func<byte, bool> match)
    {
        while (i >= 0 && match(pdf[i]))
        {
            i--;
        }
        return i;
    }

    private static bool IsDigit(byte b) => char.IsAsciiDigit((char)b);

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or (byte)'\f' or 0;

    private static bool IsDelimiter(byte b) => IsSpace(b) || b is (byte)'<' or (byte)'[' or (byte)'/' or (byte)'(' or (byte)'%';
}
