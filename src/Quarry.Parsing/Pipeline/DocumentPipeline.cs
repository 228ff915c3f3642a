using Quarry.Core.Model;
using Quarry.Parsing.Assembly;
using Quarry.Parsing.Crops;
using Quarry.Parsing.Layout;
using Quarry.Parsing.Pipeline.ModelPages;
using Quarry.Parsing.Rasterization;
using Quarry.Parsing.Readers.Ocr;
using Quarry.Parsing.Routing;
using Quarry.Parsing.Sources;

namespace Quarry.Parsing.Pipeline;

/// <summary>
/// The one pipeline every engine runs: the source hands out pages, the router picks each page's reader,
/// the readers fill the pages, then layout (in parallel), assembly across pages, and crops. Pages go
/// through in windows so that only one window's raw content is alive at a time.
/// </summary>
public sealed class DocumentPipeline : IParseEngine
{
    private const int WindowPages = 128;
    private readonly RoutingMode _routing;
    private readonly IPageRasterizer _rasterizer;

    /// <param name="routing">How pages are routed to readers (the engine).</param>
    /// <param name="rasterizer">Renders PDF pages (for OCR and crops); pdftoppm unless given.</param>
    public DocumentPipeline(RoutingMode routing = RoutingMode.TextOnly, IPageRasterizer? rasterizer = null)
    {
        _routing = routing;
        _rasterizer = rasterizer ?? new PdftoppmRasterizer();
    }

    public string Name => _routing switch
    {
        RoutingMode.Auto => "auto",
        RoutingMode.OcrAll => "ocr",
        RoutingMode.Model => "vlm",
        RoutingMode.Hybrid => "hybrid",
        _ => "txt",
    };

    public ParsedDocument Parse(byte[] input, string basename, ParseOptions options, IProgress<ParseProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        using var source = Open(input, options);
        var (first, last) = PageRange.Resolve(source.PageCount, options);
        var outline = source.Outline;
        var count = last - first + 1;
        var pages = new PageResult[count];
        var done = 0;
        DocumentStyle? style = null;
        using var ocr = new PageOcr(source.OpenRaster, source.RenderBatch, options, cancellationToken);
        using var model = options.ModelReader is { } reader ? new ModelReading(source, reader, options, cancellationToken) : null;
        // The document's body size is taken from the first window (the whole document when it fits).
        for (var offset = 0; offset < count; offset += WindowPages)
        {
            var size = Math.Min(WindowPages, count - offset);
            var contents = source.ReadPages(first + offset, size, offset, options, cancellationToken);
            var routes = contents.Select(c => PageRouter.Route(_routing, options.Effort, c)).ToArray();
            // OCR is all an image has: without the models it cannot be read at all, whatever the engine.
            var degraded = ocr.Apply(contents, first + offset, Routed(routes, PageReader.Ocr), required: _routing == RoutingMode.OcrAll || !source.HasTextLayer);
            model?.ReadPages(contents, first + offset, Routed(routes, PageReader.Model), correctText: options.Effort == HybridEffort.High && _routing == RoutingMode.Hybrid);
            style ??= DocumentStyle.From(contents);
            Parallel.For(0, contents.Length, options.Parallelism(cancellationToken), i =>
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                var page = PageLayout.Build(contents[i], style, new PageBudget(options.PageBudget, cancellationToken));
                page.ElapsedMilliseconds = contents[i].ReadMilliseconds + System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (degraded.Contains(i))
                {
                    page.Degrade(PageOcr.ModelsMissingReason);
                }
                else if (routes[i] == PageReader.TextLayer && GlyphMapCheck.Garbled(contents[i]))
                {
                    page.Degrade(GlyphMapCheck.Reason);
                }
                pages[offset + i] = page;
                progress?.Report(new ParseProgress(Interlocked.Increment(ref done), count));
            });
            model?.ReadRegions(pages.AsSpan(offset, size).ToArray(), contents, first + offset, Routed(routes, PageReader.TextLayerWithModelRegions));
        }
        DocumentAssembler.Assemble(pages, outline);
        if (options.Crops && source.Crops)
        {
            BlockCropper.Apply(pages, first, source.OpenRaster, options, cancellationToken);
        }
        return new ParsedDocument
        {
            Basename = basename,
            Pages = pages,
            Backend = _routing switch { RoutingMode.Model => "vlm", RoutingMode.Hybrid => "hybrid", _ => "pipeline" },
            StartPage = first,
            SourcePageCount = source.PageCount,
            ModelRequests = model?.Requests ?? 0,
        };
    }

    private static List<int> Routed(PageReader[] routes, PageReader reader) =>
        Enumerable.Range(0, routes.Length).Where(i => routes[i] == reader).ToList();

    private IDocumentSource Open(byte[] input, ParseOptions options)
    {
        var format = InputSniffer.Sniff(input.AsSpan(0, Math.Min(input.Length, 1024)));
        return format.IsImage()
            ? new ImageSource(input, format, options)
            : new PdfSource(input, _rasterizer);
    }
}
