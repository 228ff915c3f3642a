using System.Text;
using Quarry.Parsing.Errors;

namespace Quarry.Parsing.Sources;

/// <summary>
/// Refuses, before PdfPig opens a file, the structures PdfPig 0.1.16 never returns from: it allocates
/// without bound on a cross-reference stream whose <c>/Size</c> or <c>/Index</c> declares more objects than
/// a PDF may hold, and on a page tree that loops back through more nodes than its loop detection remembers.
/// Such a parse cannot be stopped once started (a thread cannot be aborted), so it must not start.
/// </summary>
public static class StructureCheck
{
    /// <summary>ISO 32000-1 Annex C: the largest object number a PDF may use.</summary>
    internal const long MaxObjectNumber = 8_388_607;

    /// <summary>PdfPig's page-tree walk breaks loops only among the last 1000 nodes it saw; this leaves a margin.</summary>
    internal const int PageTreeNodesPdfPigTracks = 900;

    public static void Run(byte[] pdf)
    {
        CheckCrossReferenceStreams(pdf);
        CheckPageTree(pdf);
    }

    private static void CheckCrossReferenceStreams(ReadOnlySpan<byte> pdf)
    {
        for (var pos = 0; pos < pdf.Length;)
        {
            var hit = pdf[pos..].IndexOf("/XRef"u8);
            if (hit < 0)
            {
                return;
            }
            var at = pos + hit;
            pos = at + 5;
            // The dictionary around the name: back to its object header, on to its stream keyword.
            var from = Math.Max(0, at - 4096);
            var head = pdf[from..at].LastIndexOf("obj"u8);
            var tail = pdf[at..Math.Min(pdf.Length, at + 4096)].IndexOf("stream"u8);
            var text = Encoding.Latin1.GetString(pdf[(head < 0 ? from : from + head)..(tail < 0 ? Math.Min(pdf.Length, at + 4096) : at + tail)]);
            if (!StructurePatterns.XRefStream().IsMatch(text))
            {
                continue;
            }
            var declared = 0L;
            if (StructurePatterns.Size().Match(text) is { Success: true } size)
            {
                declared = Math.Max(declared, Number(size.Groups[1].Value));
            }
            if (StructurePatterns.Index().Match(text) is { Success: true } index)
            {
                var numbers = StructurePatterns.Integer().Matches(index.Groups[1].Value).Select(m => Number(m.Value)).ToList();
                for (var i = 0; i + 1 < numbers.Count; i += 2)
                {
                    declared = Math.Max(declared, numbers[i] + numbers[i + 1]);
                }
            }
            if (declared > MaxObjectNumber + 1)
            {
                throw new ParseException(ErrorCode.PdfCorrupt,
                    $"the PDF is damaged: its cross-reference stream declares {declared:N0} objects, more than a PDF may hold ({MaxObjectNumber:N0})");
            }
        }
    }

    private static void CheckPageTree(byte[] pdf)
    {
        var raw = pdf.AsSpan();
        if (raw.IndexOf("/ObjStm"u8) < 0 && Occurrences(raw, "/Kids"u8) < PageTreeNodesPdfPigTracks)
        {
            return; // too few page-tree nodes to outrun PdfPig's loop detection: the common case, decided cheaply
        }
        var objects = RawObjectIndex.Build(raw);
        if (objects.All.Count(o => o.Contains("/Kids", StringComparison.Ordinal)) < PageTreeNodesPdfPigTracks)
        {
            return;
        }
        var rootAt = raw.LastIndexOf("/Root"u8);
        var root = rootAt < 0 ? null : StructurePatterns.Root().Match(Encoding.Latin1.GetString(raw[rootAt..Math.Min(raw.Length, rootAt + 64)]));
        if (root is not { Success: true } || objects.Get((int)Number(root.Groups[1].Value)) is not { } catalog
            || StructurePatterns.Pages().Match(catalog) is not { Success: true } pages)
        {
            return; // no catalog to follow: PdfPig's own repair path decides
        }
        var (nodes, loops) = Walk(objects, (int)Number(pages.Groups[1].Value));
        if (loops && nodes >= PageTreeNodesPdfPigTracks)
        {
            throw new ParseException(ErrorCode.PdfCorrupt,
                $"the PDF is damaged: its page tree loops back on itself through {nodes:N0} nodes, so its pages cannot be listed");
        }
    }

    /// <summary>Breadth-first over /Kids: the page-tree nodes reached, and whether any node is reached twice.</summary>
    private static (int Nodes, bool Loops) Walk(RawObjectIndex objects, int root)
    {
        var seen = new HashSet<int> { root };
        var queue = new Queue<int>([root]);
        var nodes = 0;
        var loops = false;
        while (queue.Count > 0)
        {
            if (objects.Get(queue.Dequeue()) is not { } node || StructurePatterns.Kids().Match(node) is not { Success: true } kids)
            {
                continue;
            }
            nodes++;
            foreach (System.Text.RegularExpressions.Match kid in StructurePatterns.Reference().Matches(kids.Groups[1].Value))
            {
                var number = (int)Math.Min(int.MaxValue, Number(kid.Groups[1].Value));
                if (seen.Add(number))
                {
                    queue.Enqueue(number);
                }
                else
                {
                    loops = true;
                }
            }
        }
        return (nodes, loops);
    }

    private static int Occurrences(ReadOnlySpan<byte> data, ReadOnlySpan<byte> value)
    {
        var count = 0;
        for (int i; (i = data.IndexOf(value)) >= 0; data = data[(i + value.Length)..])
        {
            count++;
        }
        return count;
    }

    private static long Number(string digits) => long.TryParse(digits, out var n) ? n : long.MaxValue;
}
