using Quarry.Core.Model;
using Quarry.Parsing.Readers;

namespace Quarry.Parsing.Tests.Layout;

/// <summary>Builds synthetic words: text laid out left to right at a baseline, ~0.5 em per character.</summary>
internal static class Words
{
    public static List<Word> Line(string text, double x, double baseline, double size = 10, FontTraits traits = FontTraits.None)
    {
        var words = new List<Word>();
        foreach (var token in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var width = token.Length * size * 0.5;
            words.Add(new Word(token, new BoundingBox(x, baseline - 0.78 * size, x + width, baseline + 0.22 * size), baseline, size, traits, "Test"));
            x += width + size * 0.3;
        }
        return words;
    }
}
