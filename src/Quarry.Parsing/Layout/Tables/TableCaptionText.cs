using System.Text.RegularExpressions;
using Quarry.Core.Model;

namespace Quarry.Parsing.Layout.Tables;

/// <summary>
/// What a table's caption and its notes look like as text. A caption is a short block that opens with a
/// table label and number ("Table 3:", "Tab. 2.", "TABLE III", "Tabelle 1:", "表 1："); a sentence that
/// merely mentions a table ("Table 3 shows …") is prose. A note is a short block opening with "Note:",
/// "Source:" or a note mark (*, †, ‡).
/// </summary>
internal static partial class TableCaptionText
{
    /// <summary>Captions run to a few lines; a longer block opening with a label is a paragraph.</summary>
    private const int MaxCaptionLines = 6;
    private const int MaxNoteLines = 4;

    // Label, number (arabic with sections, or roman), then what makes it a caption: a delimiter, the end
    // of the text, or a line break right after the number (checked on the first line). Capitals
    // ("TABLE II Accuracy …", IEEE/ACM) and the CJK label may go straight on to the title.
    [GeneratedRegex(@"^(?:(?<label>Table|Tab\.|Tabelle|Tableau|Tabla|Tabela|Tabella|Tabel|Таблица)[\s.]*(?<num>\d+(?:[.\-]\d+)*[A-Za-z]?|[IVXLC]+)(?:\s*[:.：\-—–|]|\s*$)|(?<caps>TABLE|TABELLE|TABLEAU|TABLA)\s+(?:\d+|[IVXLC]+)\b|表\s*\d+(?:[.\-]\d+)*(?:\s*[:.：]|\s))")]
    private static partial Regex CaptionLabel();

    [GeneratedRegex(@"^(?:(?:Notes?|Sources?|Source\(s\)|Quellen?|Anmerkungen?|Fuentes?|Notas?|Remarques?)\s*[:.：]|(?:注|资料来源|来源|出典)\s*[:：]|[*†‡§]\s*\S)", RegexOptions.IgnoreCase)]
    private static partial Regex NoteLead();

    public static bool IsCaption(Block block)
    {
        if (block.Type != BlockType.Text || block.Lines.Count > MaxCaptionLines)
        {
            return false;
        }
        return CaptionLabel().IsMatch(block.Text) || (block.Lines.Count > 1 && CaptionLabel().IsMatch(block.Lines[0].Text.Trim()));
    }

    /// <summary>The notes <paramref name="block"/> holds when it reads as table notes (one per line that opens one), else empty.</summary>
    public static List<string> Notes(Block block)
    {
        if (block.Type is not (BlockType.Text or BlockType.List) || block.Lines.Count is 0 or > MaxNoteLines)
        {
            return [];
        }
        // A list's Text drops the marker; the note keeps its "*" (it points at a starred cell).
        var text = block.Type == BlockType.List ? JoinLines(block.Lines) : block.Text;
        if (!NoteLead().IsMatch(text))
        {
            return [];
        }
        var (head, notes) = SplitAtNotes(block, text);
        return [head, .. notes];
    }

    /// <summary>
    /// Splits a block at every later line that opens a note: lines set as tightly as the caption or the
    /// first note above them are grouped with it, though each is a note of its own.
    /// </summary>
    public static (string Head, List<string> Notes) SplitAtNotes(Block block, string text)
    {
        var starts = Enumerable.Range(1, Math.Max(0, block.Lines.Count - 1)).Where(i => NoteLead().IsMatch(block.Lines[i].Text.Trim())).ToList();
        if (starts.Count == 0)
        {
            return (text, []);
        }
        starts.Add(block.Lines.Count);
        var notes = starts.Zip(starts.Skip(1), (a, b) => JoinLines(block.Lines.Skip(a).Take(b - a))).ToList();
        return (JoinLines(block.Lines.Take(starts[0])), notes);
    }

    private static string JoinLines(IEnumerable<Line> lines) => string.Join(" ", lines.Select(l => l.Text.Trim()));
}
