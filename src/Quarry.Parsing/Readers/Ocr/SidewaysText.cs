namespace Quarry.Parsing.Readers.Ocr;

/// <summary>
/// Tells a page whose lines run up or down the image (a scan turned a quarter, or a landscape page stored
/// portrait) from its detected boxes alone, so an upright page pays nothing for the check.
/// </summary>
internal static class SidewaysText
{
    private const double Elongation = 2;
    private const int MinTallBoxes = 3;

    /// <summary>Tall, narrow boxes outweigh wide ones (each weighted by its length) by a clear margin.</summary>
    public static bool Dominates(IReadOnlyList<TextBox> boxes)
    {
        double tall = 0, wide = 0;
        var tallCount = 0;
        foreach (var b in boxes)
        {
            if (b.Height > Elongation * b.Width)
            {
                tall += b.Height;
                tallCount++;
            }
            else if (b.Width > Elongation * b.Height)
            {
                wide += b.Width;
            }
        }
        return tallCount >= MinTallBoxes && tall > 2 * wide;
    }
}
