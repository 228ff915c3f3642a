using System.Text;
using Quarry.Core.Model;
using Quarry.Core.Text;
using Quarry.Parsing.Text;

namespace Quarry.Parsing.Layout;

/// <summary>Turns a group of lines into typed blocks: code, equation, title, list, or paragraphs split at indents.</summary>
public static class BlockClassifier
{
    public static IEnumerable<Block> Classify(LineGroup group, DocumentStyle style)
    {
        var lines = group.Lines;
        if (lines.All(l => l.IsMono))
        {
            return [Code(group)];
        }
        var mathShare = lines.Sum(l => l.MathShare * l.Text.Length) / Math.Max(1, lines.Sum(l => l.Text.Length));
        if (lines.Count <= 6 && mathShare >= 0.3)
        {
            return [Make(BlockType.Equation, group, string.Join(" ", lines.Select(l => l.Text)))];
        }
        if (IsTitle(group, style))
        {
            var title = Make(BlockType.Title, group, TextNormalizer.JoinLines(lines.Select(l => l.Text)));
            return [title];
        }
        // A bold "a) Tokens" over regular text heads a section; a run of bold "a) …" lines is a list.
        var schemeHead = IsSchemeHeadingLine(lines[0]) && lines.Count > 1 && !lines[1].IsBold;
        if (StartsItem(lines[0], group.Box.X0) is not null && !schemeHead)
        {
            return SplitList(group);
        }
        return SplitParagraphs(group);
    }

    private static bool IsTitle(LineGroup group, DocumentStyle style)
    {
        var lines = group.Lines;
        if (lines.Count > 3)
        {
            return false;
        }
        var text = string.Join(' ', lines.Select(l => l.Text)).Trim();
        if (text.Length < 2 || text.Length > 200 || Patterns.Caption().IsMatch(text) || !text.Any(char.IsLetter) || Patterns.TitlePageLine().IsMatch(text))
        {
            return false;
        }
        // OCR sizes come from pixels and wander: a read line must be short to count as a title.
        var ocr = lines[0].Words[0].FontName == "ocr";
        if (ocr && text.Count(c => c == ' ') >= 12)
        {
            return false;
        }
        // A numbered heading alone on its line ("2.1 Setup") is a title even where bold cannot be seen (scans).
        if (lines.Count == 1 && lines[0].Words.Count <= 10 && Patterns.NumberedHeading().IsMatch(text) && (ocr || group.FontSize >= style.BodySize * 0.9))
        {
            return true;
        }
        var larger = group.FontSize >= style.BodySize * (ocr ? 1.3 : 1.15);
        var bold = lines.All(l => l.IsBold);
        var sentence = text.EndsWith('.') && !Patterns.SectionNumber().IsMatch(text) && text.Count(c => c == ' ') > 6;
        if (sentence || text.EndsWith(',') || text.EndsWith(';'))
        {
            return false;
        }
        return larger || (bold && text.Length <= 120 && group.FontSize >= style.BodySize * 0.95);
    }

    private static Block Make(BlockType type, LineGroup group, string text, IReadOnlyList<TextLine>? lines = null)
    {
        var src = lines ?? group.Lines;
        return new Block
        {
            Type = type,
            BoundingBox = lines is null ? group.Box : BoundingBox.UnionAll(src.Select(l => l.Box)),
            Lines = src.Select(l => l.ToModel()).ToList(),
            Text = TextNormalizer.FoldSpaces(text),
            FontSize = group.FontSize,
            IsBold = src.All(l => l.IsBold),
        };
    }

    /// <summary>Keeps the listing's line breaks and rebuilds indentation and inner spacing from glyph positions.</summary>
    private static Block Code(LineGroup group)
    {
        var charWidth = group.Lines.SelectMany(l => l.Words).Select(w => w.Box.Width / Math.Max(1, w.Text.Length)).DefaultIfEmpty(5).Average();
        var left = group.Box.X0;
        var sb = new StringBuilder();
        foreach (var line in group.Lines)
        {
            if (sb.Length > 0)
            {
                sb.Append('\n');
            }
            sb.Append(' ', Math.Max(0, (int)Math.Round((line.Box.X0 - left) / charWidth)));
            if (Bidi.HasRtl(line.Text))
            {
                sb.Append(line.Text); // words are in visual order; the line's text is logical
                continue;
            }
            for (var i = 0; i < line.Words.Count; i++)
            {
                if (i > 0)
                {
                    var gap = line.Words[i].Box.X0 - line.Words[i - 1].Box.X1;
                    sb.Append(' ', Math.Max(1, (int)Math.Round(gap / charWidth)));
                }
                sb.Append(line.Words[i].Text);
            }
        }
        return new Block
        {
            Type = BlockType.Code,
            BoundingBox = group.Box,
            Lines = group.Lines.Select(l => l.ToModel()).ToList(),
            Text = sb.ToString(),
            FontSize = group.FontSize,
        };
    }

    /// <summary>The marker that opens a list item on this line, or null.</summary>
    private static string? StartsItem(TextLine line, double groupLeft)
    {
        var first = line.Words[0];
        var token = first.Text;
        if (line.Words.Count < 2 && !(token.Length > 1 && Patterns.IsBullet(token[..1])))
        {
            return null;
        }
        if (Patterns.IsBullet(token))
        {
            return token;
        }
        if (token.Length > 1 && token[0] is '•' or '●' or '▪' or '◦')
        {
            return token[..1];
        }
        if (Patterns.Enumerator().IsMatch(token) && line.Words.Count > 1)
        {
            var gap = line.Words[1].Box.X0 - first.Box.X1;
            return gap >= 0.45 * first.FontSize && first.Box.X0 - groupLeft < first.FontSize * 2 ? token : null;
        }
        return null;
    }

    private static IEnumerable<Block> SplitList(LineGroup group)
    {
        var items = new List<(string Marker, List<TextLine> Lines)>();
        foreach (var line in group.Lines)
        {
            var marker = StartsItem(line, group.Box.X0);
            if (marker is not null || items.Count == 0)
            {
                items.Add((marker ?? "", [line]));
            }
            else
            {
                items[^1].Lines.Add(line);
            }
        }
        var texts = items.Select(i => TextNormalizer.FoldSpaces(TextNormalizer.JoinLines(
            i.Lines.Select((l, n) => n == 0 ? StripMarker(l.Text, i.Marker) : l.Text)))).ToList();
        var ordered = items.All(i => i.Marker.Length > 0 && Patterns.Enumerator().IsMatch(i.Marker));
        yield return new Block
        {
            Type = BlockType.List,
            BoundingBox = group.Box,
            Lines = group.Lines.Select(l => l.ToModel()).ToList(),
            ListItems = texts,
            Ordered = ordered,
            // Items take the group's lines in order, so each starts where the previous ones' lines end.
            ListItemLineStarts = items.Select((_, k) => items.Take(k).Sum(i => i.Lines.Count)).ToList(),
            Text = string.Join("\n", texts),
            FontSize = group.FontSize,
        };
    }

    private static string StripMarker(string text, string marker) =>
        marker.Length > 0 && text.StartsWith(marker, StringComparison.Ordinal) ? text[marker.Length..].TrimStart() : text;

    private static bool IsNumberedHeadingLine(TextLine line, double right, double size) =>
        (Patterns.NumberedHeading().IsMatch(line.Text.Trim()) || IsSchemeHeadingLine(line)) && right - line.Box.X1 > 3 * size && line.Words.Count <= 10;

    // "a) Tokens" numbers list items too: as a heading the line must be bold.
    private static bool IsSchemeHeadingLine(TextLine line) => line.IsBold && Patterns.SchemeHeading().IsMatch(line.Text.Trim());

    /// <summary>Splits running text where a line is indented (a new paragraph in books and papers) or follows a short last line.</summary>
    private static IEnumerable<Block> SplitParagraphs(LineGroup group)
    {
        var lines = group.Lines;
        var left = lines.Min(l => l.Box.X0);
        var right = lines.Max(l => l.Box.X1);
        var size = group.FontSize;
        var current = new List<TextLine>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            // A numbered heading that shares its style with the text below it (no bold in a scan), or a short bold or
            // italic line over regular text, still stands on a line of its own: short, no closing punctuation.
            var headLine = IsNumberedHeadingLine(line, right, size) || i + 1 < lines.Count && RunInHead.OwnsLine(line, lines[i + 1], right);
            if (headLine && (i == 0 || Continuation.EndsSentence(lines[i - 1].Text) || right - lines[i - 1].Box.X1 > 3 * size))
            {
                if (current.Count > 0)
                {
                    yield return Make(BlockType.Text, group, TextNormalizer.JoinLines(current.Select(l => l.Text)), current);
                    current = [];
                }
                yield return Make(BlockType.Title, group, line.Text, [line]);
                continue;
            }
            if (current.Count > 0)
            {
                var indent = line.Indent(left, right);
                var prev = lines[i - 1];
                var indented = indent >= 0.8 * size && indent <= 6 * size && prev.Indent(left, right) < 0.5 * size;
                var prevShort = prev.Room(left, right) > 3 * size && Continuation.EndsSentence(prev.Text) && lines.Count > 2;
                if (indented || prevShort)
                {
                    yield return Make(BlockType.Text, group, TextNormalizer.JoinLines(current.Select(l => l.Text)), current);
                    current = [];
                }
            }
            // A paragraph that opens with a run-in head: the head becomes a title of its own.
            var head = current.Count == 0 ? RunInHead.Length(line) : 0;
            if (head > 0)
            {
                var runIn = new TextLine(line.Words.Take(head).ToList());
                yield return Make(BlockType.Title, group, runIn.Text, [runIn]);
                line = new TextLine(line.Words.Skip(head).ToList());
            }
            current.Add(line);
        }
        if (current.Count > 0)
        {
            yield return Make(BlockType.Text, group, TextNormalizer.JoinLines(current.Select(l => l.Text)), current);
        }
    }
}
