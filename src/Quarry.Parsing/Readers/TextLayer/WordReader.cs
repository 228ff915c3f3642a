using Quarry.Core.Model;
using System.Text;
using Quarry.Parsing.Text;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;

namespace Quarry.Parsing.Readers.TextLayer;

/// <summary>Builds words from PdfPig's letters in drawing order: a new word at a gap, a baseline jump or a turn of the text.</summary>
internal static class WordReader
{
    // A gap wider than this share of the font size starts a new word (TeX's narrowest
    // interword space is about 0.22 em; kerns stay under 0.1 em).
    private const double WordGapEm = 0.15;

    public static (List<Word> Words, int Unmapped) Read(IReadOnlyList<Letter> letters, Frame frame)
    {
        var words = new List<Word>(letters.Count / 5 + 1);
        var builder = new WordBuilder(frame);
        var unmapped = 0;
        foreach (var letter in letters)
        {
            if (letter.RenderingMode == UglyToad.PdfPig.Core.TextRenderingMode.Neither)
            {
                continue; // invisible text (OCR layers are read by their own route later)
            }
            var value = letter.Value;
            if (value.Length == 0 || value == "\uFFFD")
            {
                unmapped++;
                builder.Flush(words);
                continue;
            }
            var text = TextNormalizer.Glyph(value);
            if (text.Length == 0 || string.IsNullOrWhiteSpace(text))
            {
                builder.Flush(words);
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
        return (words, unmapped);
    }

    private sealed class WordBuilder(Frame frame)
    {
        private readonly StringBuilder _text = new();
        private Letter? _first;
        private Letter? _last;
        private double _x0, _x1, _sizeSum, _baseline;
        private PdfPoint _lastStart, _lastEnd;
        private int _count;

        public void Add(Letter letter, string text, List<Word> output)
        {
            var size = SizeOf(letter);
            // Positions in the frame's turned space, so a page read turned builds its words along its text.
            var start = frame.Turn(letter.StartBaseLine);
            var end = frame.Turn(letter.EndBaseLine);
            if (_last is not null)
            {
                var gap = start.X - _lastEnd.X;
                var lastSize = SizeOf(_last);
                var baselineShift = Math.Abs(start.Y - _lastStart.Y);
                if (letter.TextOrientation != _last.TextOrientation
                    || baselineShift > 0.3 * Math.Max(size, lastSize)
                    || gap > WordGapEm * Math.Max(size, lastSize)
                    || gap < -0.5 * lastSize)
                {
                    Flush(output);
                }
            }
            var left = frame.Turns == 0 ? letter.BoundingBox.Left : Math.Min(start.X, end.X);
            if (_first is null)
            {
                _first = letter;
                _baseline = start.Y;
                _x0 = Math.Min(start.X, end.X);
                _x1 = Math.Max(start.X, end.X);
            }
            _x0 = Math.Min(_x0, Math.Min(start.X, left));
            _x1 = Math.Max(_x1, Math.Max(end.X, start.X));
            _lastStart = start;
            _lastEnd = end;
            _text.Append(text);
            _sizeSum += size;
            _count++;
            _last = letter;
        }

        public void Flush(List<Word> output)
        {
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
            output.Add(new Word(_text.ToString(), box, frame.FromTop(baseline), size, traits, font));
            Reset();
        }

        private void Reset()
        {
            _text.Clear();
            _first = null;
            _last = null;
            _sizeSum = 0;
            _count = 0;
        }

        private static double SizeOf(Letter l)
        {
            var s = l.PointSize;
            return s >= 1 ? s : Math.Max(1, l.BoundingBox.Height);
        }
    }
}
