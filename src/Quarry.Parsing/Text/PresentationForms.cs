namespace Quarry.Parsing.Text;

/// <summary>
/// Folds Hebrew and Arabic presentation forms (the contextual glyph shapes fonts draw, U+FB1D–U+FDFF and
/// U+FE70–U+FEFE) to their base letters, as NFKC and pdftotext do: a lam-alef ligature becomes two letters.
/// </summary>
internal static partial class PresentationForms
{
    private static readonly string[] LowTable = RangeFB1D.Split('|');
    private static readonly string[] HighTable = RangeFE70.Split('|');

    public static bool InRange(char c) => c is (>= '\uFB1D' and <= '\uFDFF') or (>= '\uFE70' and <= '\uFEFE');

    /// <summary>The base letters of a presentation form, or null when <paramref name="c"/> is not one.</summary>
    public static string? Fold(char c)
    {
        var folded = c switch
        {
            >= '\uFB1D' and <= '\uFDFF' => LowTable[c - 0xFB1D],
            >= '\uFE70' and <= '\uFEFE' => HighTable[c - 0xFE70],
            _ => "",
        };
        return folded.Length == 0 ? null : folded;
    }
}
