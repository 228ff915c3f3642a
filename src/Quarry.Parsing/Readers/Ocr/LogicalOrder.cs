namespace Quarry.Parsing.Readers.Ocr;

/// <summary>
/// Turns a right-to-left line, which the recogniser reads off the crop left to right (visual order), into
/// the order it is written and read in (logical order), as PaddleOCR does for its Arabic models: the line
/// is cut into single right-to-left characters and runs of left-to-right ones (Latin letters, digits and
/// the punctuation between them), and those pieces are reversed. A number or a Latin phrase inside Arabic
/// text so keeps its own left-to-right order. Unlike PaddleOCR, a space joins a left-to-right run only
/// between two of its words: at its edge it stays where it was, between the run and the Arabic beside it.
/// </summary>
public static class LogicalOrder
{
    public static RecognizedText FromVisual(RecognizedText line)
    {
        var text = line.Text;
        var pieces = new List<Range>();
        var i = 0;
        while (i < text.Length)
        {
            var end = i + 1;
            if (LeftToRight(text[i]))
            {
                while (end < text.Length && (LeftToRight(text[end]) || (text[end] == ' ' && SpaceInsideRun(text, end))))
                {
                    end++;
                }
            }
            pieces.Add(i..end);
            i = end;
        }
        pieces.Reverse();
        var reordered = string.Concat(pieces.Select(p => text[p]));
        // Centres follow their characters, when the line has one per character.
        IReadOnlyList<double> centers = line.CharCenters.Count == text.Length
            ? [.. pieces.SelectMany(p => line.CharCenters.Take(p))]
            : line.CharCenters;
        return line with { Text = reordered, CharCenters = centers };
    }

    private static bool LeftToRight(char c) => char.IsAsciiLetterOrDigit(c) || c is ':' or '*' or '.' or '/' or '%' or '+' or '-';

    /// <summary>Whether the spaces at <paramref name="at"/> are followed by more left-to-right text.</summary>
    private static bool SpaceInsideRun(string text, int at)
    {
        while (at < text.Length && text[at] == ' ')
        {
            at++;
        }
        return at < text.Length && LeftToRight(text[at]);
    }
}
