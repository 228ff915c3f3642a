using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Quarry.Parsing.Tests.Fuzz;

/// <summary>Mutations blind to the PDF's structure: bit flips, overwritten runs, truncation, duplicated chunks, broken xref.</summary>
internal static class ByteMutations
{
    public static (string, byte[])? FlipBits(PdfFile pdf, Random rng)
    {
        var bytes = (byte[])pdf.Bytes.Clone();
        var flips = new List<string>();
        for (var i = rng.Next(1, 33); i > 0; i--)
        {
            var at = rng.Next(bytes.Length);
            var bit = (byte)(1 << rng.Next(8));
            bytes[at] ^= bit;
            flips.Add(FormattableString.Invariant($"{at}^0x{bit:x2}"));
        }
        return ($"flip bits {string.Join(' ', flips)}", bytes);
    }

    public static (string, byte[])? Overwrite(PdfFile pdf, Random rng)
    {
        var bytes = (byte[])pdf.Bytes.Clone();
        var at = rng.Next(bytes.Length);
        var run = Math.Min(rng.Next(1, 257), bytes.Length - at);
        rng.NextBytes(bytes.AsSpan(at, run));
        return ($"overwrite {run} bytes at {at} with random bytes", bytes);
    }

    public static (string, byte[])? Truncate(PdfFile pdf, Random rng)
    {
        var keep = rng.Next(pdf.Bytes.Length);
        return ($"truncate to {keep} of {pdf.Bytes.Length} bytes", pdf.Bytes[..keep]);
    }

    public static (string, byte[])? DuplicateChunk(PdfFile pdf, Random rng)
    {
        var from = rng.Next(pdf.Bytes.Length);
        var length = Math.Min(rng.Next(1, 8193), pdf.Bytes.Length - from);
        var at = rng.Next(pdf.Bytes.Length + 1);
        var times = rng.Next(1, 4);
        var chunk = pdf.Bytes.AsSpan(from, length).ToArray();
        var inserted = Enumerable.Repeat(chunk, times).SelectMany(c => c);
        byte[] bytes = [.. pdf.Bytes[..at], .. inserted, .. pdf.Bytes[at..]];
        return ($"insert {times}x the {length} bytes from {from} at {at}", bytes);
    }

    private static readonly string[] BadOffsets = ["0", "-1", "1", "999999999", "2147483647", "99999999999999999999"];

    /// <summary>Breaks the cross-reference data: the startxref number, entries of a classic table, or an xref stream's /W, /Index, /Size.</summary>
    public static (string, byte[])? BadXref(PdfFile pdf, Random rng)
    {
        var text = pdf.Text;
        switch (rng.Next(3))
        {
            case 0:
            {
                var m = Regex.Matches(text, @"startxref\s+(\d+)").LastOrDefault();
                if (m is null)
                {
                    return null;
                }
                var value = rng.Next(2) == 0 ? BadOffsets[rng.Next(BadOffsets.Length)] : rng.Next(pdf.Bytes.Length).ToString(CultureInfo.InvariantCulture);
                return ($"startxref {m.Groups[1].Value} -> {value}", Replace(text, m.Groups[1], value));
            }
            case 1 when Regex.Matches(text, @"(?m)^(\d{10}) (\d{5}) n").ToList() is { Count: > 0 } entries:
            {
                // Same width, so the table stays well-formed and only the offsets lie.
                var bytes = (byte[])pdf.Bytes.Clone();
                var changed = new List<string>();
                for (var i = rng.Next(1, 4); i > 0; i--)
                {
                    var e = entries[rng.Next(entries.Count)];
                    var value = (rng.Next(3) switch { 0 => 0L, 1 => pdf.Bytes.Length + rng.Next(1, 100000), _ => rng.Next(pdf.Bytes.Length) }).ToString("D10", CultureInfo.InvariantCulture);
                    Encoding.Latin1.GetBytes(value).CopyTo(bytes, e.Groups[1].Index);
                    changed.Add($"entry@{e.Groups[1].Index} {e.Groups[1].Value}->{value}");
                }
                return ($"xref offsets {string.Join(' ', changed)}", bytes);
            }
            default:
            {
                var targets = new (string Pattern, string[] Values)[]
                {
                    (@"/W\s*(\[[^\]]*\])", ["[1 9 1]", "[0 0 0]", "[-1 3 1]", "[1 3]", "[4 2147483647 4]"]),
                    (@"/Index\s*(\[[^\]]*\])", ["[0 999999999]", "[-5 10]", "[0]", "[5 3 0 2147483647]"]),
                    (@"/Size\s+(\d+)", ["0", "1", "2147483647", "-3"]),
                    (@"/Prev\s+(\d+)", ["0", "5", "2147483647"]),
                };
                var present = targets.Select(t => (t.Values, Match: Regex.Matches(text, t.Pattern).LastOrDefault())).Where(t => t.Match is not null).ToList();
                if (present.Count == 0)
                {
                    return null;
                }
                var (values, m) = present[rng.Next(present.Count)];
                var value = values[rng.Next(values.Length)];
                return ($"{m!.Value} -> {value}", Replace(text, m.Groups[1], value));
            }
        }
    }

    private static byte[] Replace(string text, Group g, string value) =>
        Encoding.Latin1.GetBytes(string.Concat(text.AsSpan(0, g.Index), value, text.AsSpan(g.Index + g.Length)));
}
