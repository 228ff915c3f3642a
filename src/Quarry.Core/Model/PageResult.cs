namespace Quarry.Core.Model;

/// <summary>A parsed page: body blocks in reading order, furniture apart, and the images it exported.</summary>
public sealed class PageResult
{
    public required int PageIndex { get; init; }
    public required double Width { get; init; }
    public required double Height { get; init; }
    public List<Block> Blocks { get; init; } = [];
    public List<Block> Discarded { get; init; } = [];
    public List<ExtractedImage> Images { get; init; } = [];

    /// <summary>Wall time spent reading and laying out this page (diagnostics; not written out).</summary>
    public double ElapsedMilliseconds { get; set; }

    /// <summary>Set when the page hit its time budget and was reduced to plain text.</summary>
    public bool Degraded { get; set; }
}

/// <summary>An image file written to images/.</summary>
public sealed record ExtractedImage(string FileName, ReadOnlyMemory<byte> Data);
