using System.Text;
using Quarry.Core.Model;
using Quarry.Core.Text;
using Quarry.Parsing.Readers;
using Quarry.Parsing.Text;

namespace Quarry.Parsing.Layout;

/// <summary>A run of words on one baseline within one column; its text in logical order (right-to-left runs reordered).</summary>
public sealed class TextLine
{
    public TextLine(IReadOnlyList<Word> words)
    {
        Words = words;
        Box = BoundingBox.UnionAll(words.Select(w => w.Box));
        var chars = 0;
        var bold = 0;
        var mono = 0;
        var math = 0;
        double sizeSum = 0;
        foreach (var w in words)
        {
            var n = w.Text.Length;
            chars += n;
            sizeSum += w.FontSize * n;
            bold += w.IsBold ? n : 0;
            mono += w.IsMono ? n : 0;
            math += w.IsMath ? n : 0;
        }
        chars = Math.Max(chars, 1);
        FontSize = sizeSum / chars;
        BoldShare = (double)bold / chars;
        MonoShare = (double)mono / chars;
        MathShare = (double)math / chars;
        Baseline = words.Count == 0 ? 0 : words.MaxBy(w => w.Text.Length)!.Baseline;
        // One scan for right-to-left letters decides both: most lines have none and skip the bidi pass.
        var joined = Join(words);
        var hasRtl = Bidi.HasRtl(joined);
        Text = hasRtl ? Bidi.VisualToLogical(joined) : joined;
        IsRightToLeft = hasRtl && Bidi.IsRightToLeft(Text);
    }

    public IReadOnlyList<Word> Words { get; }
    public BoundingBox Box { get; }
    public double Baseline { get; }
    public double FontSize { get; }
    public double BoldShare { get; }
    public double MonoShare { get; }
    public double MathShare { get; }
    public string Text { get; }

    /// <summary>Most of the line's letters are right-to-left: it starts at its right edge.</summary>
    public bool IsRightToLeft { get; }

    /// <summary>How far the line starts in from its block's starting edge (the left one, the right one for right-to-left lines).</summary>
    public double Indent(double left, double right) => IsRightToLeft ? right - Box.X1 : Box.X0 - left;

    /// <summary>How much room the line leaves before its block's closing edge.</summary>
    public double Room(double left, double right) => IsRightToLeft ? Box.X0 - left : right - Box.X1;

    public bool IsBold => BoldShare >= 0.8;
    public bool IsMono => MonoShare >= 0.8;

    // Words in drawing (visual) order, one space apart, none between CJK words.
    private static string Join(IReadOnlyList<Word> words)
    {
        if (words.Count == 1)
        {
            return words[0].Text;
        }
        var sb = new StringBuilder(words.Count * 8);
        foreach (var w in words)
        {
            if (sb.Length > 0 && w.Text.Length > 0 && !Scripts.JoinsWithoutSpace(sb[^1], w.Text[0]))
            {
                sb.Append(' ');
            }
            sb.Append(w.Text);
        }
        return sb.ToString();
    }

    public Line ToModel() => new(Box, [new Span(SpanType.Text, Text, Box)]);
}
