using Quarry.Core.Model;
using Quarry.Parsing.Errors;
using Quarry.Parsing.Pipeline;
using Quarry.Parsing.Pipeline.ModelPages;
using Quarry.Parsing.Readers.Model;
using Quarry.Tests.Shared;
using SkiaSharp;

namespace Quarry.Parsing.Tests.Pipeline.ModelPages;

/// <summary><c>vlm</c>: every page rendered and read by the model, then the shared assembly.</summary>
public class VlmPipelineTests
{
    private static byte[] Corpus(string id) => File.ReadAllBytes(Path.Combine(RepoPaths.Corpus("synthetic"), id, "doc.pdf"));

    private static ParsedDocument Vlm(byte[] pdf, IModelPageReader reader) =>
        DocumentParser.Parse(pdf, "doc", "vlm", new ParseOptions { ModelReader = reader, Crops = false });

    [Fact]
    public void Every_page_is_rendered_once_at_200_dpi_and_read_whole()
    {
        var pdf = Corpus("headers-footers-7-004");
        var reader = new RecordingModelReader(pdf);
        var doc = Vlm(pdf, reader);
        Assert.Equal(doc.Pages.Count, reader.Pages.Count);
        Assert.Equal(Enumerable.Range(0, doc.Pages.Count), reader.Pages.Select(p => p.PageIndex).Order());
        Assert.All(reader.Pages, p => Assert.Equal(200, p.Dpi));
        Assert.All(reader.Pages, p => Assert.True(p.EncodedImage.Length > 1000));
        Assert.Empty(reader.RegionCalls);
        Assert.Equal(reader.Pages.Count + doc.Pages.Sum(p => p.Blocks.Count + p.Discarded.Count), doc.ModelRequests);
    }

    [Fact]
    public void Furniture_types_go_to_discarded()
    {
        var pdf = Corpus("headers-footers-7-004");
        var doc = Vlm(pdf, new RecordingModelReader(pdf));
        Assert.Contains(doc.Pages, p => p.Discarded.Count > 0);
        Assert.All(doc.Pages, p => Assert.DoesNotContain(p.Blocks, b => b.Type.IsFurniture()));
    }

    [Fact]
    public void Titles_take_the_text_layers_typography_so_levels_are_not_all_h1()
    {
        // The reader gives every title the same (no) font size, as the model does; without the text layer's
        // sizes, this document's unnumbered title and its "1 …" sections would all be level 1.
        var pdf = Corpus("article-1col-7-000");
        var doc = Vlm(pdf, new RecordingModelReader(pdf));
        var txt = DocumentParser.Parse(pdf, "doc", "txt", new ParseOptions { Crops = false });
        var levels = doc.BodyBlocks.Where(b => b.Type == BlockType.Title).Select(b => (b.Text, b.Level)).ToList();
        Assert.Contains(levels, l => l.Level > 1);
        Assert.Equal(txt.BodyBlocks.Where(b => b.Type == BlockType.Title).Select(b => (b.Text, b.Level)), levels);
    }

    [Fact]
    public void An_unread_block_is_filled_from_the_text_layer_and_degrades_its_page()
    {
        var pdf = Corpus("article-1col-7-000");
        var reader = new RecordingModelReader(pdf)
        {
            Edit = (page, result) =>
            {
                if (page.PageIndex != 0)
                {
                    return result;
                }
                var victim = result.Blocks.First(b => b.Type == BlockType.Text && b.Text.Length > 40);
                result.Blocks.Remove(victim);
                result.Unread.Add(new UnreadBlock(new Block { Type = BlockType.Text, BoundingBox = victim.BoundingBox }, "the model repeated itself"));
                return result;
            },
        };
        var doc = Vlm(pdf, reader);
        var txt = DocumentParser.Parse(pdf, "doc", "txt", new ParseOptions { Crops = false });
        var degraded = Assert.Single(doc.DegradedPages);
        Assert.Equal(0, degraded.PageIndex);
        Assert.Contains("the model repeated itself", degraded.Reason, StringComparison.Ordinal);
        Assert.Contains(ModelPageContent.UnreadFilledReason, degraded.Reason, StringComparison.Ordinal);
        // The filled block reads as the text layer reads it.
        Assert.Equal(txt.Pages[0].Blocks.Select(b => b.Text), doc.Pages[0].Blocks.Select(b => b.Text));
    }

    [Fact]
    public void Without_a_model_reader_vlm_and_hybrid_are_refused_naming_the_setting()
    {
        foreach (var engine in new[] { "vlm", "hybrid" })
        {
            var ex = Assert.Throws<ParseException>(() => DocumentParser.Parse(Corpus("article-1col-7-000"), "doc", engine, new ParseOptions()));
            Assert.Equal(ErrorCode.InvalidInput, ex.Code);
            Assert.Contains("--vlm-url", ex.Message, StringComparison.Ordinal);
            Assert.Contains("QUARRY_VLM_SERVER_URL", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_image_input_goes_to_the_model_as_it_is()
    {
        using var bitmap = new SKBitmap(300, 200);
        bitmap.Erase(SKColors.White);
        using var encoded = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        var png = encoded.ToArray();
        var reader = new RecordingModelReader();
        Vlm(png, reader);
        var page = Assert.Single(reader.Pages);
        Assert.Equal(png, page.EncodedImage);
        Assert.Equal(150, page.Dpi); // no resolution in the file: the assumed scan resolution
    }

    [Fact]
    public void A_tiff_page_goes_to_the_model_as_png()
    {
        var reader = new RecordingModelReader();
        Vlm(File.ReadAllBytes(RepoPaths.Sample("scan-2p.tif")), reader);
        Assert.Equal(2, reader.Pages.Count);
        Assert.All(reader.Pages, p => Assert.Equal(SKEncodedImageFormat.Png, SKCodec.Create(new SKMemoryStream(p.EncodedImage)).EncodedFormat));
    }

    [Theory]
    [InlineData(612, 792, 200)] // US Letter: 2200 px long side
    [InlineData(1224, 1584, 159)] // tabloid ×2: 3500 px long side caps it
    [InlineData(14400, 14400, 17)]
    public void Pages_render_at_200_dpi_with_the_long_side_at_most_3500_px(double width, double height, int dpi)
    {
        Assert.Equal(dpi, ModelRender.DpiFor(width, height, 100_000_000));
        Assert.True(Math.Max(width, height) / 72 * dpi <= ModelRender.MaxLongSide);
    }
}
