using Quarry.Parsing.Assembly;
using Quarry.Parsing.Pipeline;
using Quarry.Parsing.Rasterization;
using Quarry.Parsing.Readers;

namespace Quarry.Parsing.Sources;

/// <summary>
/// An input document as the pipeline sees it: a number of pages, what each page says about itself (a PDF
/// page's text layer; an image page only its size), and renders of its pages for the readers that need pixels.
/// </summary>
internal interface IDocumentSource : IDisposable
{
    int PageCount { get; }

    /// <summary>False for image inputs: their pages must be read from pixels (OCR or the model).</summary>
    bool HasTextLayer { get; }

    /// <summary>The PDF's bookmarks, for heading levels; empty when there are none.</summary>
    IReadOnlyList<OutlineEntry> Outline { get; }

    /// <summary>Pages a renderer call should take at once: enough to amortise a pdftoppm start, one for decoded images.</summary>
    int RenderBatch { get; }

    /// <summary>Whether tables and equations are cropped from renders (PDF pages only, as before the model engine).</summary>
    bool Crops { get; }

    /// <summary>
    /// Pages <paramref name="first"/>..<paramref name="first"/>+<paramref name="count"/>-1 as their own
    /// content gives them, with <see cref="PageContent.PageIndex"/> from <paramref name="firstIndex"/>.
    /// </summary>
    PageContent[] ReadPages(int first, int count, int firstIndex, ParseOptions options, CancellationToken ct);

    /// <summary>Opens the pages for rendering; the result owns what that needs until disposed.</summary>
    IRasterDocument OpenRaster();
}
