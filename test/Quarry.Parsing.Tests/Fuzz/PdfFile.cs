using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace Quarry.Parsing.Tests.Fuzz;

/// <summary>One top-level object as it sits in the file: its dictionary text and, for a stream, where its data lies.</summary>
internal sealed record PdfObject(int Number, string Dict, int DataStart, int DataLength)
{
    public bool IsStream => DataStart >= 0;

    public bool Is(string pattern) => Regex.IsMatch(Dict, pattern);
}

/// <summary>
/// Just enough of a PDF's byte layout to mutate objects: finds top-level objects by scanning the text (no
/// real parser, so it also works on files whose xref is the thing being broken) and appends edits as an
/// incremental update, which keeps every other offset valid in classic and xref-stream files alike.
/// Bytes are mapped to text as Latin-1, one char per byte, so binary stream data survives the round trip.
/// </summary>
internal sealed partial class PdfFile
{
    public PdfFile(string name, byte[] bytes)
    {
        Name = name;
        Bytes = bytes;
        Text = Encoding.Latin1.GetString(bytes);
        Objects = FindObjects(Text);
    }

    public string Name { get; }

    public byte[] Bytes { get; }

    public string Text { get; }

    public IReadOnlyList<PdfObject> Objects { get; }

    public byte[] Data(PdfObject obj) => Bytes.AsSpan(obj.DataStart, obj.DataLength).ToArray();

    /// <summary>The stream's data inflated, or null when it is not a plain FlateDecode stream that inflates.</summary>
    public byte[]? Inflated(PdfObject obj)
    {
        if (!obj.IsStream || !Regex.IsMatch(obj.Dict, @"/Filter\s*\[?\s*/FlateDecode\s*\]?") || obj.Dict.Contains("/DecodeParms", StringComparison.Ordinal))
        {
            return null;
        }
        try
        {
            using var z = new ZLibStream(new MemoryStream(Data(obj)), CompressionMode.Decompress);
            using var o = new MemoryStream();
            z.CopyTo(o);
            return o.ToArray();
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    public static byte[] Deflate(byte[] data)
    {
        using var o = new MemoryStream();
        using (var z = new ZLibStream(o, CompressionLevel.Fastest))
        {
            z.Write(data);
        }
        return o.ToArray();
    }

    public int NextFreeNumber() => Math.Max(Objects.Count == 0 ? 0 : Objects.Max(o => o.Number), LastInt(@"/Size\s+(\d+)")) + 1;

    /// <summary>Appends new versions of objects (body = the text between "obj" and "endobj") as an incremental update.</summary>
    public byte[] WithUpdates(IReadOnlyList<(int Number, byte[] Body)> updates)
    {
        using var o = new MemoryStream();
        o.Write(Bytes);
        var offsets = new List<(int Number, long Offset)>();
        foreach (var (number, body) in updates)
        {
            Write(o, "\n");
            offsets.Add((number, o.Position));
            Write(o, $"{number} 0 obj\n");
            o.Write(body);
            Write(o, "\nendobj\n");
        }
        var xref = o.Position;
        var table = new StringBuilder("xref\n0 1\n0000000000 65535 f \n");
        foreach (var (number, offset) in offsets)
        {
            table.Append(CultureInfo.InvariantCulture, $"{number} 1\n{offset:D10} 00000 n \n");
        }
        var size = Math.Max(NextFreeNumber(), updates.Max(u => u.Number) + 1);
        var root = Regex.Matches(Text, @"/Root\s+(\d+\s+\d+\s+R)").LastOrDefault()?.Groups[1].Value ?? "1 0 R";
        table.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {size} /Root {root} /Prev {LastInt(@"startxref\s+(\d+)")} >>\nstartxref\n{xref}\n%%EOF\n");
        Write(o, table.ToString());
        return o.ToArray();
    }

    public byte[] WithObject(int number, string dict, byte[]? data = null) => WithUpdates([(number, Body(dict, data))]);

    /// <summary>An object body: the dictionary and, when given, stream data (its /Length is the caller's business).</summary>
    public static byte[] Body(string dict, byte[]? data = null)
    {
        var head = Encoding.Latin1.GetBytes("<<" + dict + ">>");
        if (data is null)
        {
            return head;
        }
        return [.. head, .. "\nstream\n"u8, .. data, .. "\nendstream"u8];
    }

    /// <summary>The dictionary with the entry <paramref name="key"/> (e.g. "/Length") replaced by <paramref name="value"/>, or added.</summary>
    public static string SetEntry(string dict, string key, string value)
    {
        var without = RemoveEntry(dict, key);
        return $"{without} {key} {value} ";
    }

    /// <summary>Removes <c>/Key value</c> where value is a name, number, reference, array or one-level dictionary.</summary>
    public static string RemoveEntry(string dict, string key) =>
        Regex.Replace(dict, Regex.Escape(key) + @"(?![A-Za-z0-9])\s*(\d+\s+\d+\s+R|\[[^\]]*\]|<<(?:[^<>]|<<[^<>]*>>)*>>|/[^\s/\[\]<>()]+|[-+.\d]+|\([^)]*\)|true|false|null)", " ");

    private int LastInt(string pattern)
    {
        var m = Regex.Matches(Text, pattern).LastOrDefault();
        return m is not null && int.TryParse(m.Groups[1].Value, CultureInfo.InvariantCulture, out var v) ? v : 0;
    }

    private static void Write(Stream s, string text) => s.Write(Encoding.Latin1.GetBytes(text));

    private static List<PdfObject> FindObjects(string text)
    {
        var found = new List<PdfObject>();
        foreach (Match m in ObjectStart().Matches(text))
        {
            var dictStart = m.Index + m.Length;
            var dictEnd = MatchingClose(text, dictStart);
            if (dictEnd < 0)
            {
                continue;
            }
            var dict = text[dictStart..dictEnd];
            var after = dictEnd + 2;
            var s = StreamKeyword().Match(text, after);
            int dataStart = -1, dataLength = 0;
            if (s.Success && s.Index == after)
            {
                dataStart = s.Index + s.Length;
                var end = text.IndexOf("endstream", dataStart, StringComparison.Ordinal);
                if (end < 0)
                {
                    continue;
                }
                while (end > dataStart && text[end - 1] is '\n' or '\r')
                {
                    end--;
                }
                dataLength = end - dataStart;
            }
            found.Add(new PdfObject(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), dict, dataStart, dataLength));
        }
        return found;
    }

    /// <summary>Index of the "&gt;&gt;" closing the dictionary whose content starts at <paramref name="from"/>.</summary>
    private static int MatchingClose(string text, int from)
    {
        var depth = 1;
        for (var i = from; i < text.Length - 1; i++)
        {
            if (text[i] == '<' && text[i + 1] == '<')
            {
                depth++;
                i++;
            }
            else if (text[i] == '>' && text[i + 1] == '>')
            {
                if (--depth == 0)
                {
                    return i;
                }
                i++;
            }
        }
        return -1;
    }

    [GeneratedRegex(@"(?<=^|[\r\n ])(\d+)\s+\d+\s+obj\s*<<")]
    private static partial Regex ObjectStart();

    [GeneratedRegex(@"\s*stream(\r\n|\n|\r)")]
    private static partial Regex StreamKeyword();
}
