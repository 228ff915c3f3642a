using Quarry.Parsing.Assembly;
using Quarry.Parsing.Errors;
using Quarry.Parsing.Pipeline;
using Quarry.Parsing.Rasterization;
using Quarry.Parsing.Readers;
using Quarry.Parsing.Readers.Ocr;
using Quarry.Parsing.Readers.TextLayer;
using UglyToad.PdfPig;

namespace Quarry.Parsing.Sources;

/// <summary>A PDF: its page count and outline from PdfPig, its text layer read by <see cref="TextLayerReader"/>, renders by the rasterizer.</summary>
internal sealed class PdfSource : IDocumentSource
{
    private readonly byte[] _input;
    private readonly IPageRasterizer _rasterizer;
    private readonly PdfDocument _document;
    private bool _sharedTaken;

    public PdfSource(byte[] input, IPageRasterizer rasterizer)
    {
        _input = input;
        _rasterizer = rasterizer;
        _document = PdfOpener.Open(input);
        try
        {
            PageCount = CountPages(_document);
        }
        catch
        {
            _document.Dispose();
            throw;
        }
    }

    public int PageCount { get; }

    public bool HasTextLayer => true;

    public int RenderBatch => PageOcr.RenderBatch;

    public bool Crops => true;

    public IReadOnlyList<OutlineEntry> Outline => field ??= ReadOutline(_document);

    public PageContent[] ReadPages(int first, int count, int firstIndex, ParseOptions options, CancellationToken ct)
    {
        // The opened document serves the first window only: later windows reopen, so PdfPig's page caches
        // from earlier windows are not kept alive.
        var shared = _sharedTaken ? null : _document;
        _sharedTaken = true;
        return TextLayerReader.Read(_input, shared, first, count, firstIndex, options, ct);
    }

    public IRasterDocument OpenRaster() => _rasterizer.Open(_input);

    private static int CountPages(PdfDocument document)
    {
        int total;
        try
        {
            total = document.NumberOfPages;
        }
        catch (Exception ex)
        {
            throw PdfOpener.Classify(ex);
        }
        return total == 0 ? throw new ParseException(ErrorCode.PdfCorrupt, "the PDF has no pages") : total;
    }

    private static List<OutlineEntry> ReadOutline(PdfDocument document)
    {
        try
        {
            return document.TryGetBookmarks(out var bookmarks)
                ? bookmarks.GetNodes().Select(n => new OutlineEntry(n.Title ?? "", n.Level)).ToList()
                : [];
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return []; // a broken outline is not worth failing the parse for
        }
    }

    public void Dispose() => _document.Dispose();
}
