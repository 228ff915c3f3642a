using System.Text.RegularExpressions;

namespace Quarry.ModelStandIn;

/// <summary>
/// A rough token count (special tokens and tags count one, words one, punctuation one): the stand-in has no
/// tokenizer, and token counts only drive simulated decode time, caps and accounting.
/// </summary>
public static partial class Tokens
{
    [GeneratedRegex(@"<\|[a-z_]+\|>|<[a-z]+>|\w+|[^\w\s]")]
    private static partial Regex Token();

    public static int Count(string text) => Token().Count(text);

    /// <summary>The first <paramref name="n"/> tokens of <paramref name="text"/>, and whether anything was cut.</summary>
    public static (string Text, bool Cut) Truncate(string text, int n)
    {
        var m = Token().Matches(text);
        return m.Count <= n ? (text, false) : (text[..(n == 0 ? 0 : m[n - 1].Index + m[n - 1].Length)], true);
    }

    /// <summary>Image tokens as Qwen2-VL counts them: one per 28×28 patch group.</summary>
    public static int ForImage(Raster? image) => image is null ? 0 : (int)(Math.Ceiling(image.Width / 28.0) * Math.Ceiling(image.Height / 28.0));
}
