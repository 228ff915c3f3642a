using System.Globalization;
using UglyToad.PdfPig.Content;

namespace Quarry.Parsing.Readers.TextLayer;

/// <summary>
/// The largest image Quarry decodes, in decoded samples (width × height × colour components, one byte each
/// at 8 bits). It is read from the image dictionary before anything is decoded, because a few kilobytes of
/// Flate can claim gigabytes of pixels. Decoding to PNG costs about two bytes per sample at peak, so the
/// default of 100 M samples (a 600-dpi A4 page in gray, a 300-dpi A3 page in colour) stays near 200 MB, and
/// images over <see cref="SerialAbove"/> are decoded one at a time so parallel page readers cannot stack
/// them: with a 200 MB input the process stays under about 1.5 GB.
/// </summary>
public static class ImageBudget
{
    public const long DefaultMaxSamples = 100_000_000;

    /// <summary>Overrides <see cref="DefaultMaxSamples"/> for every parse in the process.</summary>
    public const string EnvironmentVariable = "QUARRY_MAX_IMAGE_PIXELS";

    /// <summary>Images larger than this (16 M samples, ~32 MB to decode) take the one-at-a-time gate.</summary>
    private const long SerialAbove = 16_000_000;

    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>The budget from <see cref="EnvironmentVariable"/> when it holds a positive integer, else the default.</summary>
    public static long FromEnvironment() =>
        long.TryParse(Environment.GetEnvironmentVariable(EnvironmentVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : DefaultMaxSamples;

    /// <summary>Decoded size from the dictionary alone: nothing is decompressed.</summary>
    public static long DecodedSamples(IPdfImage image)
    {
        // Indexed images decode to their base space (a palette of RGB becomes three samples a pixel).
        var space = image.ColorSpaceDetails;
        var components = image.IsImageMask || space is null ? 1 : Math.Max(1, Math.Max(space.NumberOfColorComponents, space.BaseNumberOfColorComponents));
        var bytesPerSample = Math.Max(1, (image.BitsPerComponent + 7) / 8);
        return (long)Math.Max(0, image.WidthInSamples) * Math.Max(0, image.HeightInSamples) * components * bytesPerSample;
    }

    private const string SkippedPrefix = "image skipped: ";

    /// <summary>Whether a page's degraded reason says it holds an image over the budget: rendering that page would decode it too.</summary>
    public static bool IsRefusal(string reason) => reason.StartsWith(SkippedPrefix, StringComparison.Ordinal);

    /// <summary>Why <paramref name="image"/> is skipped, or null when it fits <paramref name="maxSamples"/>.</summary>
    public static string? Refusal(IPdfImage image, long maxSamples)
    {
        var samples = DecodedSamples(image);
        return samples <= maxSamples
            ? null
            : string.Create(CultureInfo.InvariantCulture,
                $"{SkippedPrefix}{image.WidthInSamples}×{image.HeightInSamples} pixels would decode to {samples / 1_000_000} MB, over the {maxSamples / 1_000_000} MB image limit ({EnvironmentVariable})");
    }

    /// <summary>Runs a decode of <paramref name="samples"/>, through the gate when it is large.</summary>
    public static T Decode<T>(long samples, Func<T> decode, CancellationToken ct = default)
    {
        if (samples <= SerialAbove)
        {
            return decode();
        }
        Gate.Wait(ct);
        try
        {
            return decode();
        }
        finally
        {
            Gate.Release();
        }
    }
}
