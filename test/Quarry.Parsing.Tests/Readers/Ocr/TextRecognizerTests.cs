using Quarry.Parsing.Readers.Ocr;

namespace Quarry.Parsing.Tests.Readers.Ocr;

/// <summary>How line crops are grouped into recognition runs.</summary>
public class TextRecognizerTests
{
    [Fact]
    public void Short_crops_share_a_run_narrowest_first_and_full_lines_run_alone()
    {
        // Input widths at height 48: three table cells, two full-width lines of a page, a page number.
        int[] widths = [200, 1650, 150, 1580, 180, 40];
        var batches = TextRecognizer.Batches(widths, maxCount: 8, maxColumns: 1600);
        Assert.Equal(new int[][] { [5, 2, 4, 0], [3], [1] }, batches);
    }

    [Fact]
    public void A_run_stops_at_the_most_crops_and_at_the_padded_width()
    {
        int[] widths = [100, 100, 100, 100, 100, 300, 300];
        // Five crops of 100 fit in 3 × 100 columns three at a time, then the 300s pad to 2 × 300 > 500.
        Assert.Equal(new int[][] { [0, 1, 2], [3, 4], [5], [6] }, TextRecognizer.Batches(widths, maxCount: 3, maxColumns: 500));
        Assert.Equal(new int[][] { [0, 1, 2, 3, 4, 5, 6] }, TextRecognizer.Batches(widths, maxCount: 8, maxColumns: 2400));
    }

    [Fact]
    public void Every_crop_is_in_exactly_one_run()
    {
        var widths = Enumerable.Range(0, 50).Select(i => 20 + (i * 37 % 2000)).ToArray();
        var batches = TextRecognizer.Batches(widths, maxCount: 8, maxColumns: 1600);
        Assert.Equal(Enumerable.Range(0, 50), batches.SelectMany(b => b).Order());
        Assert.All(batches, b => Assert.True(b.Length == 1 || b.Length * b.Max(i => widths[i]) <= 1600));
    }
}
