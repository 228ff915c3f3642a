using Quarry.Parsing.Readers.Ocr;

namespace Quarry.Parsing.Tests.Readers.Ocr;

/// <summary>Right-to-left lines, read off the crop left to right, put back in the order they are written.</summary>
public class LogicalOrderTests
{
    private static RecognizedText Visual(string text) =>
        new(text, 0.9f, [.. Enumerable.Range(0, text.Length).Select(i => (i + 0.5) / text.Length)]);

    [Fact]
    public void Arabic_letters_are_reversed_and_a_number_keeps_its_digit_order()
    {
        // "عام 2024" (year 2024) as it lies on the page: the number at the left, the word's letters right to left.
        var line = LogicalOrder.FromVisual(Visual("2024 ماع"));
        Assert.Equal("عام 2024", line.Text);
    }

    [Fact]
    public void A_latin_phrase_inside_arabic_keeps_its_words_in_order()
    {
        // "مرحبا hello world": the Latin phrase sits at the left edge, in its own order.
        Assert.Equal("مرحبا hello world", LogicalOrder.FromVisual(Visual("hello world ابحرم")).Text);
    }

    [Fact]
    public void Character_centres_move_with_their_characters()
    {
        var visual = Visual("12 بأ");
        var line = LogicalOrder.FromVisual(visual);
        Assert.Equal("أب 12", line.Text);
        // 'أ' was the 5th character read, '1' the first.
        Assert.Equal(visual.CharCenters[4], line.CharCenters[0]);
        Assert.Equal(visual.CharCenters[0], line.CharCenters[3]);
    }
}
