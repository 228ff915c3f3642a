using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Quarry.Parsing.Tests.Fuzz;

/// <summary>
/// Mutations of one object's meaning, applied as an incremental update so the rest of the file stays valid and
/// the parser really meets the hostile object: lying /Length, page-tree loops, bad filter chains and
/// /DecodeParms, impossible image sizes, garbage fonts and content streams.
/// </summary>
internal static class ObjectMutations
{
    private static readonly string[] Lengths = ["2147483647", "9999999999", "-1", "0", "1", "99999 0 R", "1 0 R", "1e300", "/Foo"];

    public static (string, byte[])? HugeLength(PdfFile pdf, Random rng)
    {
        var obj = Pick(pdf.Objects.Where(o => o.IsStream), rng);
        if (obj is null)
        {
            return null;
        }
        var value = rng.Next(4) == 0 ? (obj.DataLength + rng.Next(1, 1_000_000)).ToString(CultureInfo.InvariantCulture) : Lengths[rng.Next(Lengths.Length)];
        return ($"obj {obj.Number}: /Length {value} (data is {obj.DataLength} bytes)", pdf.WithObject(obj.Number, PdfFile.SetEntry(obj.Dict, "/Length", value), pdf.Data(obj)));
    }

    /// <summary>Page trees that loop or lie: /Kids naming the node itself or an ancestor, impossible /Count, a page turned into a node.</summary>
    public static (string, byte[])? RecursiveKids(PdfFile pdf, Random rng)
    {
        var node = Pick(pdf.Objects.Where(o => o.Is(@"/Type\s*/Pages")), rng);
        if (node is null)
        {
            return null;
        }
        var page = Pick(pdf.Objects.Where(o => o.Is(@"/Type\s*/Page(?![s\w])")), rng);
        var self = $"{node.Number} 0 R";
        switch (rng.Next(5))
        {
            case 0:
                return ($"pages {node.Number}: /Kids [{self}]", pdf.WithObject(node.Number, PdfFile.SetEntry(node.Dict, "/Kids", $"[{self}]")));
            case 1:
                return ($"pages {node.Number}: /Kids [{self} {self} {self}] /Count 3", pdf.WithObject(node.Number, PdfFile.SetEntry(PdfFile.SetEntry(node.Dict, "/Kids", $"[{self} {self} {self}]"), "/Count", "3")));
            case 2 when page is not null:
                return ($"page {page.Number} becomes a /Pages node whose /Kids is its parent {node.Number}",
                    pdf.WithObject(page.Number, PdfFile.SetEntry(PdfFile.SetEntry(page.Dict, "/Type", "/Pages"), "/Kids", $"[{self}]")));
            case 3:
            {
                var count = new[] { "-1", "0", "2147483647", "1e9" }[rng.Next(4)];
                return ($"pages {node.Number}: /Count {count}", pdf.WithObject(node.Number, PdfFile.SetEntry(node.Dict, "/Count", count)));
            }
            default:
            {
                // A chain of intermediate nodes, deep enough to hurt a recursive walk, ending in a loop back to the top.
                var depth = rng.Next(500, 5000);
                var first = pdf.NextFreeNumber();
                var updates = new List<(int, byte[])> { (node.Number, PdfFile.Body(PdfFile.SetEntry(node.Dict, "/Kids", $"[{first} 0 R]"))) };
                for (var i = 0; i < depth; i++)
                {
                    var kid = i == depth - 1 ? self : $"{first + i + 1} 0 R";
                    updates.Add((first + i, PdfFile.Body($"/Type /Pages /Count 1 /Kids [{kid}]")));
                }
                return ($"pages {node.Number}: a chain of {depth} /Pages nodes that loops back to it", pdf.WithUpdates(updates));
            }
        }
    }

    private static readonly string[] Filters =
    [
        "[/FlateDecode /LZWDecode /ASCII85Decode]", "[/ASCIIHexDecode /FlateDecode]", "[/FlateDecode /FlateDecode /FlateDecode]",
        "/LZWDecode", "/RunLengthDecode", "/ASCII85Decode", "/DCTDecode", "/JPXDecode", "/JBIG2Decode", "/CCITTFaxDecode",
        "/Crypt", "/NoSuchFilter", "[]", "[/FlateDecode 5]", "(FlateDecode)",
    ];

    public static (string, byte[])? BadFilterChain(PdfFile pdf, Random rng)
    {
        var obj = Pick(pdf.Objects.Where(o => o.IsStream), rng);
        if (obj is null)
        {
            return null;
        }
        var filter = Filters[rng.Next(Filters.Length)];
        return ($"obj {obj.Number}: /Filter {filter} over its {obj.DataLength} bytes", pdf.WithObject(obj.Number, PdfFile.SetEntry(obj.Dict, "/Filter", filter), pdf.Data(obj)));
    }

    private static readonly string[] Parms =
    [
        "<< /Predictor 15 /Colors 1000000 /BitsPerComponent 16 /Columns 2147483647 >>",
        "<< /Predictor 12 /Columns 0 >>", "<< /Predictor 2 /Colors -3 /Columns -7 >>", "<< /Predictor 99 >>",
        "<< /Predictor 15 /Colors 4 /BitsPerComponent 3 /Columns 100000000 >>", "<< /EarlyChange 7 >>",
        "<< /K -1 /Columns 1000000 /Rows 1000000 >>", "[null null null]", "5", "(parms)", "<< /JBIG2Globals 99999 0 R >>",
    ];

    public static (string, byte[])? DecodeParmsNonsense(PdfFile pdf, Random rng)
    {
        var obj = Pick(pdf.Objects.Where(o => o.IsStream && o.Dict.Contains("/Filter", StringComparison.Ordinal)), rng);
        if (obj is null)
        {
            return null;
        }
        var parms = Parms[rng.Next(Parms.Length)];
        return ($"obj {obj.Number}: /DecodeParms {parms}", pdf.WithObject(obj.Number, PdfFile.SetEntry(obj.Dict, "/DecodeParms", parms), pdf.Data(obj)));
    }

    private static readonly (string W, string H)[] Sizes =
    [
        ("-1", "-1"), ("0", "60"), ("-2147483648", "2"), ("2147483647", "2147483647"), ("46341", "46341"),
        ("100000", "100000"), ("20000", "20000"), ("1", "1000000000"), ("12.5", "60"), ("(wide)", "60"),
    ];

    private static readonly string[] ImageEdits = ["/BitsPerComponent 0", "/BitsPerComponent 3", "/BitsPerComponent 64", "/ColorSpace /DeviceN",
        "/ColorSpace [/Indexed /DeviceRGB 255 <00>]", "/ColorSpace [/ICCBased 99999 0 R]", "/Decode [0 1 0 1 0 1 0 1 0 1]", "/SMask 99999 0 R", "/ImageMask true"];

    /// <summary>Image XObjects with impossible sizes (negative, zero, overflowing, enormous) or inconsistent colour data.</summary>
    public static (string, byte[])? ImageDimensions(PdfFile pdf, Random rng)
    {
        var obj = Pick(pdf.Objects.Where(o => o.IsStream && o.Is(@"/Subtype\s*/Image")), rng);
        if (obj is null)
        {
            return null;
        }
        string dict, what;
        if (rng.Next(3) > 0)
        {
            var (w, h) = Sizes[rng.Next(Sizes.Length)];
            dict = PdfFile.SetEntry(PdfFile.SetEntry(obj.Dict, "/Width", w), "/Height", h);
            what = $"/Width {w} /Height {h}";
        }
        else
        {
            var edit = ImageEdits[rng.Next(ImageEdits.Length)];
            var key = edit[..edit.IndexOf(' ', StringComparison.Ordinal)];
            dict = PdfFile.SetEntry(obj.Dict, key, edit[(key.Length + 1)..]);
            what = edit;
        }
        return ($"image {obj.Number}: {what}", pdf.WithObject(obj.Number, dict, pdf.Data(obj)));
    }

    private static readonly string[] FontDicts =
    [
        "/Subtype /Type0 /DescendantFonts [99999 0 R] /Encoding /Identity-H",
        "/Subtype /Type0 /DescendantFonts [] /Encoding /NoSuchCMap",
        "/Subtype /TrueType /FirstChar -100000 /LastChar 2147483647 /Widths [1 2 3]",
        "/Subtype /Type1 /Encoding << /Differences [-5 /a 2147483647 /b /c] >>",
        "/Subtype /Type3 /FontMatrix [0 0 0 0 0 0] /CharProcs << >> /FontBBox [0 0 0 0] /FirstChar 0 /LastChar 255 /Widths []",
        "/Subtype /CIDFontType2 /CIDToGIDMap 99999 0 R /W [1 [2 3] 4 5 6]",
        "/Subtype /Type1 /FontDescriptor << /FontFile (garbage) /Flags -1 >>",
    ];

    /// <summary>Fonts with garbage: a font program whose inflated bytes are damaged or random, or a font dictionary that lies.</summary>
    public static (string, byte[])? GarbageFont(PdfFile pdf, Random rng)
    {
        var program = Pick(pdf.Objects.Where(o => o.IsStream && (o.Is(@"/Length2\s") || o.Is(@"/Subtype\s*/(Type1C|CIDFontType0C|OpenType)"))), rng);
        var inflated = program is null ? null : pdf.Inflated(program);
        if (program is not null && inflated is not null && rng.Next(4) > 0)
        {
            var garbage = (byte[])inflated.Clone();
            string what;
            if (rng.Next(2) == 0)
            {
                rng.NextBytes(garbage);
                what = "all random";
            }
            else
            {
                var from = rng.Next(garbage.Length);
                var run = Math.Min(rng.Next(16, 4096), garbage.Length - from);
                rng.NextBytes(garbage.AsSpan(from, run));
                what = $"{run} random bytes at {from}";
            }
            var data = PdfFile.Deflate(garbage);
            var dict = PdfFile.SetEntry(program.Dict, "/Length", data.Length.ToString(CultureInfo.InvariantCulture));
            return ($"font program {program.Number}: inflated {inflated.Length} bytes, {what}", pdf.WithObject(program.Number, dict, data));
        }
        var font = Pick(pdf.Objects.Where(o => o.Is(@"/Type\s*/Font")), rng);
        if (font is null)
        {
            return null;
        }
        var entries = FontDicts[rng.Next(FontDicts.Length)];
        return ($"font {font.Number}: {entries}", pdf.WithObject(font.Number, $"/Type /Font /BaseFont /Garbage {entries}"));
    }

    private static readonly string[] ContentInserts =
    [
        "\nBI /W 30000 /H 30000 /BPC 8 /CS /RGB ID \u0001\u0002\u0003 EI\n", "\nBI /W -5 /H 0 /BPC 99 /CS /Foo /F /AHx ID zz EI\n",
        "\nBI /W 10 /H 10 ID\n", "\n1e308 1e308 1e308 1e308 1e308 1e308 cm\n", "\nBT /F1 1e30 Tf 1 0 0 1 -1e30 1e30 Tm (x) Tj ET\n",
        "\nBT /NoSuchFont 12 Tf (x) Tj ET\n", "\nQ Q Q Q Q Q Q Q\n", "\n/NoSuchXObject Do\n", "\nBT [(a) 1e300 (b) -1e300] TJ ET\n",
        "\n(unterminated string", "\n<< /Nested << /Deep << >> >>\n", "\n0 0 m 1e9 1e9 l 1e9 0 l h f\n",
    ];

    /// <summary>Content streams with hostile operators (malformed inline images, absurd numbers, unbalanced state), recompressed so they reach the content parser.</summary>
    public static (string, byte[])? GarbageContent(PdfFile pdf, Random rng)
    {
        var candidates = pdf.Objects.Where(o => o.IsStream && !o.Is(@"/Type\s*/(ObjStm|XRef|XObject)|/Subtype|/Length2\s")).ToList();
        var obj = Pick(candidates.Where(o => pdf.Inflated(o) is { } d && Regex.IsMatch(Encoding.Latin1.GetString(d), @"\bT[jJ]\b")), rng);
        var content = obj is null ? null : pdf.Inflated(obj);
        if (obj is null || content is null)
        {
            return null;
        }
        var text = Encoding.Latin1.GetString(content);
        var at = rng.Next(text.Length + 1);
        string what;
        if (rng.Next(4) == 0)
        {
            var q = rng.Next(1000, 100000);
            text = string.Concat(text.AsSpan(0, at), new StringBuilder().Insert(0, "q ", q).ToString(), text.AsSpan(at));
            what = $"{q} unbalanced q at {at}";
        }
        else
        {
            var insert = ContentInserts[rng.Next(ContentInserts.Length)];
            text = string.Concat(text.AsSpan(0, at), insert, text.AsSpan(at));
            what = $"insert {insert.Trim()} at {at}";
        }
        var data = PdfFile.Deflate(Encoding.Latin1.GetBytes(text));
        var dict = PdfFile.SetEntry(obj.Dict, "/Length", data.Length.ToString(CultureInfo.InvariantCulture));
        return ($"content {obj.Number}: {what}", pdf.WithObject(obj.Number, dict, data));
    }

    private static PdfObject? Pick(IEnumerable<PdfObject> objects, Random rng)
    {
        var list = objects.ToList();
        return list.Count == 0 ? null : list[rng.Next(list.Count)];
    }
}
