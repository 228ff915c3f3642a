using Quarry.Core.Model;
using UglyToad.PdfPig.Core;

namespace Quarry.Parsing.Readers.TextLayer;

/// <summary>Maps PdfPig's display space (origin bottom-left of the displayed crop box) to page space (origin top-left).</summary>
internal readonly record struct Frame(double Top)
{
    public BoundingBox Map(PdfRectangle r) =>
        new(r.Left, Top - r.Top, r.Right, Top - r.Bottom);
}
