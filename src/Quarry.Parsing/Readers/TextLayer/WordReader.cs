using Quarry.Core.Model;
using System.Globalization;
using System.Text;
using Quarry.Core.Text;
using Quarry.Parsing.Text;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;

namespace Quarry.Parsing.Readers.TextLayer;

/// <summary>
/// Builds words from PdfPig's letters in drawing order: a new word at a gap, a baseline jump or a turn of the text.
/// Glyphs drawn leftwards one by one (LuaTeX and some other producers draw right-to-left text in logical order)
/// make one word too: its text is kept in visual order, as the rest of the pipeline expects.
/// </summary>
internal static class WordReader
{
    // A gap wider than this share of the font size starts a new word (TeX's narrowest
    // interword space is about 0.22 em; kerns stay under 0.1 em).
    private const double WordGapEm = 0.15;

    // Between two right-to-left letters the gap is narrower (pdftotext's 0.1 em): Arabic letters within a word
    // touch or overlap, and only a letter that does not join leftwards leaves a sliver (under 0.07 em), while
    // tightly set Persian and Arabic text puts words as little as 0.14 em apart.
    private const double RtlWordGapEm = 0.1;

    public static (List<Word> Words, int Unmapped) Read(IReadOnlyList<Letter> letters, Frame frame)
    {
        var words = new List<Word>(letters.Count / 5 + 1);
        var builder = new WordBuilder(frame);
        var unmapped = 0;
        UglyToad.PdfPig.PdfFonts.IFont? font = null;
        UnmappedCodes.Mapped? mapped = null;
        foreach (var letter in letters)
        {
            if (letter.RenderingMode == UglyToad.PdfPig.Core.TextRenderingMode.Neither)
            {
                continue; // invisible text (OCR layers are read by their own route later)
            }
            var letterFont = letter.GetFont();
            if (!ReferenceEquals(letterFont, font))
            {
                font = letterFont;
                mapped = UnmappedCodes.Of(font);
            }
            var value = mapped is null ? letter.Value : mapped.Strip(letter.Value);
            if (value.Length == 0 || value == "\uFFFD")
            {
                unmapped++;
                builder.Flush(words);
                continue;
            }
            var text = TextNormalizer.Glyph(value);
            if (text.Length == 0 || string.IsNullOrWhiteSpace(text))
            {
                builder.Space(letter, words);
                continue;
            }
            if (text.Length > 1 && Bidi.HasRtl(text))
            {
                // A ligature glyph (lam-alef) carries its letters in logical order; the word is built in
                // visual order and the line reorders it, so store it reversed.
                var chars = text.ToCharArray();
                Array.Reverse(chars);
                text = new string(chars);
            }
            builder.Add(letter, text, words);
        }
        builder.Flush(words);
        return (DropRedrawn(words), unmapped);
    }

    /// <summary>
    /// A run drawn a second time on itself (a fake bold, a shadow) gives every word twice: the copy whose
    /// text, baseline and left edge match a word already read (within a point) is dropped.
    /// </summary>
    private static List<Word> DropRedrawn(List<Word> words)
    {
        var seen = new HashSet<(string, int, int)>();
        var kept = new List<Word>(words.Count);
        foreach (var w in words)
        {
            var x = (int)Math.Round(w.Box.X0);
            var y = (int)Math.Round(w.Baseline);
            if (seen.Contains((w.Text, x, y)) || seen.Contains((w.Text, x - 1, y)) || seen.Contains((w.Text, x + 1, y)))
            {
                continue;
            }
            seen.Add((w.Text, x, y));
            kept.Add(w);
        }
        return kept.Count == words.Count ? words : kept;
    }

    private sealed class WordBuilder(Frame frame)
    {
        private readonly StringBuilder _text = new();
        private readonly List<int> _pieceEnds = [];
        private readonly StringBuilder _heldMarks = new();
        private Letter? _first;
        private Letter? _last;
        private double _x0, _x1, _sizeSum, _baseline;
        private PdfPoint _lastStart;
        private string _lastText = "";
        private int _count;
        private int _bases; // glyphs other than combining marks
        private int _direction; // +1 glyphs drawn rightwards, -1 leftwards, 0 not known yet
        private bool _spacePending;
        private double _spaceLo, _spaceHi;

        public void Add(Letter letter, string text, List<Word> output)
        {
            var size = SizeOf(letter);
            // Positions in the frame's turned space, so a page read turned builds its words along its text.
            var start = frame.Turn(letter.StartBaseLine);
            var end = frame.Turn(letter.EndBaseLine);
            var lo = Math.Min(start.X, end.X);
            var hi = Math.Max(start.X, end.X);
            if (_last is not null)
            {
                var lastSize = SizeOf(_last);
                var baselineShift = Math.Abs(start.Y - _lastStart.Y);
                if (letter.TextOrientation == _last.TextOrientation && baselineShift < 0.05 * size
                    && Math.Abs(start.X - _lastStart.X) < 0.1 * size && text == _lastText)
                {
                    return; // the same glyph drawn again on itself: a fake bold, read once
                }
                if (IsMark(text) && baselineShift <= 0.6 * Math.Max(size, lastSize))
                {
                    // A combining mark belongs to a base, kept in drawing order, and takes no part in the word's
                    // extent or direction. Producers that draw in logical order put it after its base (anywhere
                    // near it); those that draw in visual order put it before its base, right of the word so
                    // far: whether that base continues the word is known only when it comes.
                    var center = (lo + hi) / 2;
                    if (center >= _x0 - 0.3 * size && center <= _x1)
                    {
                        AppendPiece(text);
                        return;
                    }
                    if (center > _x1 && center <= _x1 + size)
                    {
                        _heldMarks.Append(text);
                        return;
                    }
                }
                var spaceKept = _spacePending && Math.Min(hi, _spaceHi) - Math.Max(lo, _spaceLo) < 0.5 * (_spaceHi - _spaceLo);
                _spacePending = false;
                if (spaceKept || letter.TextOrientation != _last.TextOrientation
                    || baselineShift > 0.3 * Math.Max(size, lastSize)
                    || !Continues(start.X, lo, hi, size, lastSize, GapEm(_lastText, text)))
                {
                    Flush(output, keepHeldMarks: true);
                }
            }
            var left = frame.Turns == 0 ? letter.BoundingBox.Left : lo;
            if (_heldMarks.Length > 0)
            {
                AppendPiece(_heldMarks.ToString());
                _heldMarks.Clear();
            }
            if (_first is null)
            {
                _first = letter;
                _baseline = start.Y;
                _x0 = lo;
                _x1 = hi;
            }
            _x0 = Math.Min(_x0, Math.Min(start.X, left));
            _x1 = Math.Max(_x1, hi);
            _lastStart = start;
            _lastText = text;
            AppendPiece(text);
            _sizeSum += size;
            _count++;
            _bases += IsMark(text) ? 0 : 1;
            _last = letter;
        }

        /// <summary>
        /// Whether a glyph extends the open word: drawn over it (a mark, an accent, an overstrike), right after
        /// its right edge, or, in a word drawn leftwards, right before its left edge. A word keeps one direction.
        /// A glyph that covers the whole word (its base, when a mark came first) joins without giving a direction.
        /// </summary>
        private bool Continues(double start, double lo, double hi, double size, double lastSize, double gapEm)
        {
            var reach = gapEm * Math.Max(size, lastSize);
            var slack = 0.3 * size;
            var center = (lo + hi) / 2;
            if (center >= _x0 && center <= _x1 && lo >= _x0 - slack && hi <= _x1 + slack)
            {
                return true;
            }
            if (_bases == 0 && lo <= _x0 + slack && hi >= _x1 - slack)
            {
                // Drawn under a mark that came first (a mark drawn before its base): no direction yet. Once a
                // base is in, a wide glyph next to a narrow one (yeh after feh, waw after alef) must still give
                // the direction, or a short word drawn leftwards stays in logical order and reads backwards.
                return true;
            }
            if (start >= _lastStart.X)
            {
                var gap = lo - _x1;
                var rightward = _direction >= 0 && gap <= reach && gap >= -0.5 * lastSize;
                _direction = rightward ? 1 : _direction;
                return rightward;
            }
            var leftGap = _x0 - hi;
            var leftward = _direction <= 0 && leftGap <= reach && leftGap >= -0.5 * size;
            _direction = leftward ? -1 : _direction;
            return leftward;
        }

        /// <summary>
        /// A space glyph ends the word unless the next glyph is drawn over it (some producers emit a space and
        /// then step back), which pdftotext reads as no space either.
        /// </summary>
        public void Space(Letter letter, List<Word> output)
        {
            if (_first is null)
            {
                return;
            }
            var start = frame.Turn(letter.StartBaseLine).X;
            var end = frame.Turn(letter.EndBaseLine).X;
            if (Math.Abs(end - start) < 0.1 * SizeOf(letter))
            {
                Flush(output);
                return;
            }
            _spacePending = true;
            _spaceLo = Math.Min(start, end);
            _spaceHi = Math.Max(start, end);
        }

        private void AppendPiece(string text)
        {
            _text.Append(text);
            _pieceEnds.Add(_text.Length);
        }

        public void Flush(List<Word> output, bool keepHeldMarks = false)
        {
            if (!keepHeldMarks && _heldMarks.Length > 0)
            {
                AppendPiece(_heldMarks.ToString());
                _heldMarks.Clear();
            }
            if (_first is null || _count == 0)
            {
                Reset();
                return;
            }
            var size = _sizeSum / _count;
            var baseline = _baseline;
            // Already in the turned space: only the y axis is flipped.
            var box = new BoundingBox(_x0, frame.FromTop(baseline + 0.78 * size), Math.Max(_x1, _x0 + 0.1), frame.FromTop(baseline - 0.22 * size));
            var font = _first.FontName ?? "";
            var details = _first.FontDetails;
            var traits = FontTraitReader.Read(font, details?.IsBold == true || details?.Weight >= 600, details?.IsItalic == true);
            output.Add(new Word(_direction < 0 ? VisualText() : _text.ToString(), box, frame.FromTop(baseline), size, traits, font));
            Reset();
        }

        // A word drawn leftwards holds its glyphs in logical order: the pieces reversed give the visual order.
        private string VisualText()
        {
            var sb = new StringBuilder(_text.Length);
            for (var i = _pieceEnds.Count - 1; i >= 0; i--)
            {
                var from = i == 0 ? 0 : _pieceEnds[i - 1];
                sb.Append(_text, from, _pieceEnds[i] - from);
            }
            return sb.ToString();
        }

        private void Reset()
        {
            _text.Clear();
            _pieceEnds.Clear();
            _first = null;
            _last = null;
            _sizeSum = 0;
            _count = 0;
            _bases = 0;
            _direction = 0;
            _spacePending = false;
        }

        private static double GapEm(string last, string next) =>
            last.Length > 0 && Scripts.IsRtl(last[^1]) && Scripts.IsRtl(next[0]) ? RtlWordGapEm : WordGapEm;

        private static bool IsMark(string text)
        {
            foreach (var c in text)
            {
                if (CharUnicodeInfo.GetUnicodeCategory(c) is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark))
                {
                    return false;
                }
            }
            return true;
        }

        private static double SizeOf(Letter l)
        {
            var s = l.PointSize;
            return s >= 1 ? s : Math.Max(1, l.BoundingBox.Height);
        }
    }
}
