namespace Quarry.Core.Text;

/// <summary>Which writing systems a character belongs to, where it changes how text is joined or ordered.</summary>
public static class Scripts
{
    /// <summary>Han, kana, Hangul, CJK punctuation and full-width forms: written without spaces between words.</summary>
    public static bool IsCjk(char c) => c switch
    {
        >= '\u3000' and <= '\u30FF' => true, // CJK punctuation, hiragana, katakana
        >= '\u3400' and <= '\u4DBF' => true, // extension A
        >= '\u4E00' and <= '\u9FFF' => true, // unified ideographs
        >= '\uAC00' and <= '\uD7AF' => true, // Hangul syllables
        >= '\uF900' and <= '\uFAFF' => true, // compatibility ideographs
        >= '\uFF00' and <= '\uFFEF' => true, // full-width and half-width forms
        _ => false,
    };

    /// <summary>Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation forms: strong right-to-left letters.</summary>
    public static bool IsRtl(char c) => c switch
    {
        >= '\u0590' and <= '\u08FF' => char.IsLetter(c), // marks, digits and punctuation in these blocks are not strong
        >= '\uFB1D' and <= '\uFDFF' => true,
        >= '\uFE70' and <= '\uFEFE' => true,
        _ => false,
    };

    /// <summary>No space belongs between two pieces of text that meet at these characters (CJK on both sides).</summary>
    public static bool JoinsWithoutSpace(char left, char right) => IsCjk(left) && IsCjk(right);
}
