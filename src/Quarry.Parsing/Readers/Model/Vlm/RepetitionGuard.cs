namespace Quarry.Parsing.Readers.Model.Vlm;

/// <summary>
/// Spots degenerate content output, the loops MinerU users report most: generation stopped by the token
/// limit, a tail that repeats one unit over and over, a handful of words cycling, or more characters than
/// the crop could hold. mineru-vl-utils has no such check (only the server-side n-gram ban).
/// </summary>
internal static class RepetitionGuard
{
    /// <summary>Longest repeating unit looked for, in characters (a table row, a sentence).</summary>
    private const int MaxUnit = 200;

    /// <summary>Why <paramref name="completion"/> is degenerate (short, user-facing), or null when it looks sound.</summary>
    public static string? Check(VlmCompletion completion, string type, int cropPixels)
    {
        if (completion.Truncated)
        {
            return "the model's output hit the token limit";
        }
        var text = completion.Text;
        if (text.Length > MaxChars(type, cropPixels))
        {
            return "the model wrote far more than the block holds";
        }
        if (RepeatingTail(text, type))
        {
            return "the model repeated itself";
        }
        if (type is not ("table" or "equation") && LowVariety(text))
        {
            return "the model cycled through a few words";
        }
        return null;
    }

    /// <summary>The token cap for the guard's second try: what the crop can hold at one token a character.</summary>
    public static int TokenCap(string type, int cropPixels) => Math.Clamp(MaxChars(type, cropPixels), 128, 8192);

    /// <summary>
    /// Characters a crop can hold, with room to spare: dense 8 pt text at 200 dpi needs ~240 px² a character;
    /// tables (OTSL cell tokens) and LaTeX spend more characters per pixel.
    /// </summary>
    internal static int MaxChars(string type, int cropPixels) =>
        200 + cropPixels / (type is "table" or "equation" ? 40 : 100);

    /// <summary>The text ends in one unit repeated back to back: ≥ 10 times over ≥ 200 characters (tables: a unit with content in it, or ≥ 2000 characters of bare cell tokens).</summary>
    internal static bool RepeatingTail(string text, string type)
    {
        var span = text.AsSpan().TrimEnd();
        for (var unit = 1; unit <= Math.Min(MaxUnit, span.Length / 10); unit++)
        {
            var tail = span[^unit..];
            if (tail.IsWhiteSpace())
            {
                continue;
            }
            var repeats = 1;
            var end = span.Length - unit;
            while (end >= unit && span.Slice(end - unit, unit).SequenceEqual(tail))
            {
                repeats++;
                end -= unit;
            }
            var covered = repeats * unit;
            if (repeats < 10 || covered < 200)
            {
                continue;
            }
            // Identical empty rows are a real (if dull) table; identical rows with text in them are a loop.
            if (type != "table" || HasCellText(tail) || covered >= 2000)
            {
                return true;
            }
        }
        return false;
    }

    private static bool HasCellText(ReadOnlySpan<char> unit)
    {
        var inTag = false;
        foreach (var c in unit)
        {
            if (c == '<')
            {
                inTag = true;
            }
            else if (c == '>')
            {
                inTag = false;
            }
            else if (!inTag && !char.IsWhiteSpace(c))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>At least 100 words of which fewer than 15 % are distinct.</summary>
    internal static bool LowVariety(string text)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return words.Length >= 100 && words.Distinct(StringComparer.Ordinal).Count() < words.Length * 0.15;
    }
}
