using System.Text;
using Quarry.Parsing.Pipeline;
using Quarry.Parsing.Errors;
using Quarry.Parsing.Sources;
using Quarry.Parsing.Tests.Fuzz;
using Quarry.Tests.Shared;

namespace Quarry.Parsing.Tests.Sources;

/// <summary>
/// The structures PdfPig never returns from (found by the fuzz test) are refused before it opens the file.
/// Without the check each of these parses grows memory without bound and cannot be stopped.
/// </summary>
public sealed class StructureCheckTests
{
    private static readonly PdfFile Report = new("report.pdf", File.ReadAllBytes(RepoPaths.Sample("report.pdf")));

    /// <summary>report.pdf with its page tree replaced by a chain of <paramref name="depth"/> nodes; the last one points back to the top when <paramref name="loop"/>.</summary>
    private static byte[] Chain(int depth, bool loop)
    {
        var root = Report.Objects.First(o => o.Is(@"/Type\s*/Pages(?![A-Za-z])"));
        var kids = System.Text.RegularExpressions.Regex.Match(root.Dict, @"/Kids\s*(\[[^\]]*\])").Groups[1].Value;
        var first = Report.NextFreeNumber();
        var updates = new List<(int, byte[])> { (root.Number, PdfFile.Body(PdfFile.SetEntry(root.Dict, "/Kids", $"[{first} 0 R]"))) };
        for (var i = 0; i < depth; i++)
        {
            var next = i < depth - 1 ? $"[{first + i + 1} 0 R]" : loop ? $"[{root.Number} 0 R]" : kids;
            updates.Add((first + i, PdfFile.Body($"/Type /Pages /Count 2 /Kids {next}")));
        }
        return Report.WithUpdates(updates);
    }

    private static ParseException Refused(byte[] pdf)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return Assert.Throws<ParseException>(() => DocumentParser.Parse(pdf, "doc", "txt", new ParseOptions(), cancellationToken: cts.Token));
    }

    [Fact]
    public void A_page_tree_looping_through_more_nodes_than_pdfpig_tracks_is_refused()
    {
        var error = Refused(Chain(1_500, loop: true));
        Assert.Equal(ErrorCode.PdfCorrupt, error.Code);
        Assert.Contains("page tree loops back on itself through 1,501 nodes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deep_page_tree_without_a_loop_still_parses()
    {
        var document = DocumentParser.Parse(Chain(1_500, loop: false), "doc", "txt", new ParseOptions());
        Assert.Equal(2, document.Pages.Count);
    }

    [Fact]
    public void A_loop_inside_an_object_stream_is_found_too()
    {
        // The same looping chain, its nodes packed into one Flate object stream as modern writers store them.
        const int depth = 1_200;
        var body = new StringBuilder();
        var offsets = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            offsets.Append(1000 + i).Append(' ').Append(body.Length).Append(' ');
            body.Append($"<< /Type /Pages /Count 2 /Kids [{(i < depth - 1 ? 1001 + i : 1000)} 0 R] >>\n");
        }
        var header = offsets.ToString();
        var content = Encoding.Latin1.GetBytes(header + body);
        var stream = PdfFile.Body($"/Type /ObjStm /N {depth} /First {header.Length} /Filter /FlateDecode", PdfFile.Deflate(content));
        var pdf = Encoding.Latin1.GetBytes($"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 1000 0 R >>\nendobj\n2 0 obj\n");
        var tail = Encoding.Latin1.GetBytes("\nendobj\ntrailer\n<< /Root 1 0 R /Size 2200 >>\n%%EOF\n");
        var error = Assert.Throws<ParseException>(() => StructureCheck.Run([.. pdf, .. stream, .. tail]));
        Assert.Contains("loops back on itself through 1,200 nodes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cross_reference_stream_declaring_impossible_object_counts_is_refused()
    {
        var doc = File.ReadAllBytes(Path.Combine(RepoPaths.Corpus("synthetic"), "article-1col-7-000", "doc.pdf"));
        StructureCheck.Run(doc); // an honest xref stream passes
        var text = Encoding.Latin1.GetString(doc);
        var index = System.Text.RegularExpressions.Regex.Match(text, @"/Index\s*\[[^\]]*\]");
        Assert.True(index.Success, "the corpus document should use an xref stream with /Index");
        var hostile = Encoding.Latin1.GetBytes(text.Remove(index.Index, index.Length).Insert(index.Index, "/Index [5 3 0 2147483647]"));
        var error = Refused(hostile);
        Assert.Equal(ErrorCode.PdfCorrupt, error.Code);
        Assert.Contains("declares 2,147,483,647 objects", error.Message, StringComparison.Ordinal);
    }
}
