using Quarry.Core.Model;
using Quarry.Parsing.Imaging;
using Quarry.Parsing.Rasterization;
using Quarry.Parsing.Readers;
using Quarry.Parsing.Readers.Model;
using Quarry.Parsing.Readers.Ocr;
using Quarry.Parsing.Routing;
using Quarry.Parsing.Sources;

namespace Quarry.Parsing.Pipeline.ModelPages;

/// <summary>
/// The pipeline's side of the model reader: renders the pages routed to it (the document opened for
/// rendering once, on first need), streams them to the reader under <see cref="ParseOptions.ModelPagesInFlight"/>,
/// and counts the requests the reader reports.
/// </summary>
internal sealed class ModelReading(IDocumentSource source, IModelPageReader reader, ParseOptions options, CancellationToken ct) : IDisposable
{
    private IRasterDocument? _raster;
    private bool _ready;
    private int _requests;

    /// <summary>Model requests sent so far for this document (layout + content).</summary>
    public int Requests => _requests;

    /// <summary>
    /// Reads whole pages with the model (<c>vlm</c>; <c>hybrid</c> for untrusted pages, and every page at
    /// effort <c>high</c>) and replaces <paramref name="contents"/>' entries with the blocks it read.
    /// </summary>
    /// <param name="firstPage">The source page of <paramref name="contents"/>' first entry.</param>
    /// <param name="correctText">Trusted pages' text-like blocks take the text layer's words (<c>hybrid</c> effort <c>high</c>).</param>
    public void ReadPages(PageContent[] contents, int firstPage, IReadOnlyList<int> indices, bool correctText)
    {
        var ocrWords = new PageContent?[contents.Length];
        var results = Stream(contents, firstPage, indices, async (render, i, token) =>
        {
            var result = await reader.ReadPageAsync(render, token).ConfigureAwait(false);
            if (result.Unread.Count > 0 && !TextLayerTrust.Trusted(contents[i]) && OcrModels.Available)
            {
                // The page's own words cannot be believed: OCR the render the model saw, for the blocks it could not read.
                ocrWords[i] = new OcrPageReader(OcrModels.Shared, options.OcrLanguage).Read(GrayImage.Decode(render.EncodedImage, options.MaxImagePixels), contents[i].PageIndex, contents[i].Width, contents[i].Height, token);
            }
            return result;
        });
        for (var k = 0; k < indices.Count; k++)
        {
            var i = indices[k];
            var trusted = TextLayerTrust.Trusted(contents[i]);
            contents[i] = ModelPageContent.From(contents[i], results[k], trusted ? contents[i] : ocrWords[i], correctText && trusted);
        }
    }

    /// <summary>
    /// <c>hybrid</c> effort <c>medium</c>: sends the regions the text layer reads badly on laid-out pages
    /// (<see cref="HybridRegions"/>) to the model and puts its readings in their place.
    /// </summary>
    public void ReadRegions(PageResult[] pages, PageContent[] contents, int firstPage, IReadOnlyList<int> indices)
    {
        var selected = indices.ToDictionary(i => i, i => HybridRegions.Select(pages[i], contents[i]));
        var asked = indices.Where(i => selected[i].Count > 0).ToList();
        var results = Stream(contents, firstPage, asked, (render, i, token) =>
            reader.ReadRegionsAsync(render, HybridRegions.Regions(selected[i]), token));
        for (var k = 0; k < asked.Count; k++)
        {
            HybridRegions.Apply(pages[asked[k]], selected[asked[k]], results[k]);
        }
    }

    private ModelPageResult[] Stream(PageContent[] contents, int firstPage, IReadOnlyList<int> indices, Func<PageRender, int, CancellationToken, Task<ModelPageResult>> read)
    {
        if (indices.Count > 0 && !_ready)
        {
            reader.EnsureReadyAsync(ct).GetAwaiter().GetResult(); // before the first render: a dead server costs no renders
            _ready = true;
        }
        var byPageIndex = indices.ToDictionary(i => contents[i].PageIndex);
        var results = ModelPageStream.Run(indices,
            i => ModelRender.Render(_raster ??= source.OpenRaster(), contents[i], firstPage + i, options, ct),
            (render, token) => read(render, byPageIndex[render.PageIndex], token),
            options.ModelPagesInFlight, ct);
        foreach (var r in results)
        {
            Interlocked.Add(ref _requests, r.Requests);
        }
        return results;
    }

    public void Dispose() => _raster?.Dispose();
}
