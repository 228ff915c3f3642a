using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Quarry.Core.Model;
using Quarry.Core.Output;
using Quarry.Parsing.Crops;
using Quarry.Parsing.Pipeline;
using Quarry.Parsing.Errors;
using Quarry.Parsing.Imaging;
using Quarry.Parsing.Rasterization;
using Quarry.Parsing.Routing;
using Quarry.Tests.Shared;
using SkiaSharp;

namespace Quarry.Parsing.Tests.Crops;

/// <summary>Tables and equations of real corpus documents get JPEG crops in the bundle, from real pdftoppm renders.</summary>
public class BlockCropperTests
{
    private static byte[] Corpus(string id) => File.ReadAllBytes(Path.Combine(RepoPaths.Corpus("synthetic"), id, "doc.pdf"));

    private const string Tables = "report-tables-7-002";
    private const string Equations = "article-2col-7-001";

    [Theory]
    [InlineData(Tables, BlockType.Table)]
    [InlineData(Equations, BlockType.Equation)]
    public void Each_table_and_equation_points_to_a_JPEG_of_its_box_at_144_dpi(string id, BlockType type)
    {
        // Before: img_path was "" for every table and equation, and images/ held none of them.
        var doc = DocumentParser.Parse(Corpus(id), "doc", "txt", new ParseOptions());
        var files = OutputBundle.From(doc).Files.ToDictionary(f => f.Path, f => f.ToArray());
        var blocks = doc.Pages.SelectMany(p => p.Blocks.Where(b => b.Type == type).Select(b => (Page: p, Block: b))).ToList();
        Assert.NotEmpty(blocks);
        foreach (var (page, block) in blocks)
        {
            Assert.Matches("^[0-9a-f]{64}\\.jpg$", block.ImageName);
            var jpeg = files["images/" + block.ImageName];
            Assert.Equal([0xFF, 0xD8, 0xFF], jpeg[..3]);
            using var bitmap = SKBitmap.Decode(jpeg);
            Assert.NotNull(bitmap);
            // The render is 144 dpi: 2 pixels a point; the box is widened to whole pixels on each side.
            Assert.InRange(bitmap.Width, (int)(block.BoundingBox.Width * 2), (int)(block.BoundingBox.Width * 2) + 2);
            Assert.InRange(bitmap.Height, (int)(block.BoundingBox.Height * 2), (int)(block.BoundingBox.Height * 2) + 2);
            Assert.False(page.Degraded);
        }

        var path = "images/" + blocks[0].Block.ImageName;
        var contentList = JsonNode.Parse(files["doc_content_list.json"])!.AsArray();
        var contentType = type == BlockType.Table ? "table" : "equation";
        Assert.All(contentList.Where(e => (string?)e!["type"] == contentType), e => Assert.True(files.ContainsKey((string)e!["img_path"]!)));
        Assert.Contains(contentList, e => (string?)e!["img_path"] == path);
        Assert.Contains(path, Values(JsonNode.Parse(files["doc_content_list_v2.json"]), "path"));
        Assert.Contains(blocks[0].Block.ImageName, Values(JsonNode.Parse(files["doc_middle.json"]), "image_path"));
    }

    [Fact]
    public void Without_crops_tables_and_equations_get_no_image()
    {
        var doc = DocumentParser.Parse(Corpus(Tables), "doc", "txt", new ParseOptions { Crops = false });
        var tables = doc.BodyBlocks.Where(b => b.Type == BlockType.Table).ToList();
        Assert.NotEmpty(tables);
        Assert.All(tables, t => Assert.Null(t.ImageName));
        Assert.DoesNotContain(OutputBundle.From(doc).Files, f => f.Path.EndsWith(".jpg", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_the_pages_holding_a_table_or_equation_are_rendered()
    {
        var rasterizer = new RecordingRasterizer(new PdftoppmRasterizer());
        var doc = new DocumentPipeline(RoutingMode.TextOnly, rasterizer).Parse(Corpus(Tables), "doc", new ParseOptions());
        var needing = doc.Pages.Where(p => p.Blocks.Any(b => b.Type is BlockType.Table or BlockType.Equation)).Select(p => p.PageIndex).ToList();
        Assert.NotEmpty(needing);
        Assert.True(needing.Count < doc.Pages.Count, "the document should also have pages without tables");
        Assert.Equal(needing, rasterizer.Rendered.Order());
    }

    [Fact]
    public void A_failed_render_degrades_its_pages_and_the_document_still_parses()
    {
        var rasterizer = new RecordingRasterizer(new PdftoppmRasterizer(), fail: true);
        var doc = new DocumentPipeline(RoutingMode.TextOnly, rasterizer).Parse(Corpus(Tables), "doc", new ParseOptions());
        var pages = doc.Pages.Where(p => p.Blocks.Any(b => b.Type == BlockType.Table)).ToList();
        Assert.NotEmpty(pages);
        Assert.All(pages, p => Assert.StartsWith(BlockCropper.FailedReason, Assert.Single(p.DegradedReasons), StringComparison.Ordinal));
        Assert.All(doc.BodyBlocks.Where(b => b.Type == BlockType.Table), t => Assert.Null(t.ImageName));
        Assert.Equal(pages.Count, doc.DegradedPages.Count());
    }

    /// <summary>Every string value under <paramref name="key"/> anywhere in the tree.</summary>
    private static IEnumerable<string> Values(JsonNode? node, string key) => node switch
    {
        JsonObject o => o.SelectMany(kv => kv.Key == key && kv.Value is JsonValue v && v.TryGetValue<string>(out var s) ? [s] : Values(kv.Value, key)),
        JsonArray a => a.SelectMany(n => Values(n, key)),
        _ => [],
    };

    /// <summary>The real rasterizer, noting which pages are rendered in colour; <c>fail</c> makes those renders fail as a broken pdftoppm would.</summary>
    private sealed class RecordingRasterizer(IPageRasterizer inner, bool fail = false) : IPageRasterizer
    {
        public ConcurrentQueue<int> Rendered { get; } = new();

        public IRasterDocument Open(byte[] pdf) => new Document(inner.Open(pdf), this, fail);

        private sealed class Document(IRasterDocument inner, RecordingRasterizer owner, bool fail) : IRasterDocument
        {
            public IReadOnlyList<GrayImage> Render(int first, int last, int dpi, TimeSpan budget, CancellationToken ct) =>
                inner.Render(first, last, dpi, budget, ct);

            public IReadOnlyList<byte[]> RenderColor(int first, int last, int dpi, TimeSpan budget, CancellationToken ct)
            {
                for (var p = first; p <= last; p++)
                {
                    owner.Rendered.Enqueue(p);
                }
                return fail
                    ? throw new ParseException(ErrorCode.PdfCorrupt, $"the PDF is damaged: pages {first + 1}–{last + 1} could not be rendered")
                    : inner.RenderColor(first, last, dpi, budget, ct);
            }

            public void Dispose() => inner.Dispose();
        }
    }
}
