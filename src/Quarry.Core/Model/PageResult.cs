using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Quarry.Core.Model;

/// <summary>A parsed page: body blocks in reading order, furniture apart, and the images it exported.</summary>
public sealed class PageResult
{
    public required int PageIndex { get; init; }
    public required double Width { get; init; }
    public required double Height { get; init; }
    public List<Block> Blocks { get; init; } = [];

    /// <summary>Clockwise quarter turns from the page as displayed to the frame of the boxes (a scan OCR read turned).</summary>
    public int QuarterTurns { get; set; }
    public List<Block> Discarded { get; init; } = [];
    public List<ExtractedImage> Images { get; init; } = [];

    /// <summary>Wall time spent reading and laying out this page (diagnostics; not written out).</summary>
    public double ElapsedMilliseconds { get; set; }

    private readonly List<string> _degradedReasons = [];

    /// <summary>Set when the page is not complete: part of it could not be read, or it was reduced to plain text.</summary>
    public bool Degraded => _degradedReasons.Count > 0;

    /// <summary>Why the page is degraded, one short user-facing reason each (no duplicates).</summary>
    public IReadOnlyList<string> DegradedReasons => _degradedReasons;

    public void Degrade(string reason)
    {
        if (!_degradedReasons.Contains(reason))
        {
            _degradedReasons.Add(reason);
        }
    }
}

/// <summary>An image file written to images/.</summary>
public sealed record ExtractedImage(string FileName, ReadOnlyMemory<byte> Data)
{
    /// <summary>
    /// Names an image like MinerU: a hash of the pixels plus where they sit, so equal crops dedupe and a
    /// name never collides across pages. <paramref name="extension"/> includes the dot.
    /// </summary>
    public static ExtractedImage Named(byte[] data, int sourcePage, BoundingBox box, string extension)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"{Convert.ToHexString(SHA256.HashData(data))}|{sourcePage}|{box.X0:F1},{box.Y0:F1},{box.X1:F1},{box.Y1:F1}")));
        return new ExtractedImage(Convert.ToHexStringLower(hash) + extension, data);
    }
}
