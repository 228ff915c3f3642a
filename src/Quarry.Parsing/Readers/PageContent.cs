using Quarry.Core.Model;

namespace Quarry.Parsing.Readers;

/// <summary>A word as drawn: text, box (top-left origin), baseline and style.</summary>
public sealed record Word(string Text, BoundingBox Box, double Baseline, double FontSize, FontTraits Traits, string FontName)
{
    public bool IsBold => (Traits & FontTraits.Bold) != 0;
    public bool IsMono => (Traits & FontTraits.Monospace) != 0;
    public bool IsMath => (Traits & FontTraits.Math) != 0;
}

/// <summary>A straight ruling line (table rules, underlines), horizontal or vertical.</summary>
public sealed record Ruling(BoundingBox Box, bool Horizontal);

/// <summary>An embedded raster image and where it is drawn.</summary>
public sealed record PageImage(BoundingBox Box, ExtractedImage? File);

/// <summary>
/// Everything the layout stages need from one page, in top-left coordinates: what every page reader
/// (text layer, OCR) yields.
/// </summary>
public sealed class PageContent
{
    public required int PageIndex { get; init; }
    public required double Width { get; init; }
    public required double Height { get; init; }
    public required IReadOnlyList<Word> Words { get; init; }
    public IReadOnlyList<Ruling> Rulings { get; init; } = [];
    public IReadOnlyList<PageImage> Images { get; init; } = [];

    /// <summary>Glyphs and short rules for rebuilding equations; null on pages without a math font.</summary>
    public MathLayer? Math { get; init; }

    /// <summary>Glyphs the font could not map to Unicode (a signal the text layer is garbage).</summary>
    public int UnmappedGlyphs { get; init; }

    /// <summary>What could not be read on this page (a broken image, font or content stream); the page keeps the rest.</summary>
    public IReadOnlyList<string> Problems { get; set; } = [];

    /// <summary>Set when the page's content stream could not be read at all: the page is empty here, and OCR (if allowed) may recover it.</summary>
    public bool ContentUnreadable { get; init; }

    /// <summary>
    /// Blocks a reader gave ready-typed (the model), in reading order, furniture included: layout passes them
    /// through instead of detecting blocks from <see cref="Words"/>. Null for the readers that give words.
    /// </summary>
    public IReadOnlyList<Block>? Blocks { get; init; }

    /// <summary>False for a page that has no text layer at all (an image input): it is read from pixels.</summary>
    public bool HasTextLayer { get; init; } = true;

    /// <summary>
    /// Clockwise quarter turns from the page as displayed to the frame of <see cref="Words"/>: OCR turns a scan
    /// lying on its side or upside down before reading it. <see cref="Width"/> and <see cref="Height"/> are
    /// those of the turned frame; crops turn the render the same way.
    /// </summary>
    public int QuarterTurns { get; init; }

    /// <summary>Time PdfPig took to produce this page's content (diagnostics).</summary>
    public double ReadMilliseconds { get; set; }
}
