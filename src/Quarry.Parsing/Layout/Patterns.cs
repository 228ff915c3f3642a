using System.Text.RegularExpressions;

namespace Quarry.Parsing.Layout;

/// <summary>Text patterns the classifier relies on.</summary>
internal static partial class Patterns
{
    // "[\s.]*" between label and number: "Fig.1", and OCR's "Table.1" (a speck read as a full stop). The
    // localised labels are those the table-caption binder takes, and their figure twins: a bold
    // "Tabelle 2: …" over a table is its caption, never a heading. CJK labels need no delimiter.
    [GeneratedRegex(@"^((Figure|Fig\.|Table|Tab\.|Listing|Chart|Exhibit|Tabelle|Tableau|Tabla|Tabela|Tabella|Tabel|Таблица|Abbildung|Abb\.|Figura|Рисунок|Рис\.)[\s.]*[0-9IVX]+[A-Za-z]?(\.\d+)?\s*[:.\-—–：]|[表图圖]\s*\d+(\.\d+)?[\s:：.])", RegexOptions.IgnoreCase)]
    public static partial Regex Caption();

    [GeneratedRegex(@"^(Figure|Fig\.|Chart)[\s.]*\d", RegexOptions.IgnoreCase)]
    public static partial Regex FigureCaption();

    [GeneratedRegex(@"^(Table|Tab\.)[\s.]*\d", RegexOptions.IgnoreCase)]
    public static partial Regex TableCaption();

    /// <summary>"Table 1: Table 1: x" (a generator that prefixes a label the author already wrote); the second label is kept.</summary>
    [GeneratedRegex(@"^(?:Figure|Fig\.|Table|Listing)[\s.]*(\d+)\s*[:.]\s*((?:Figure|Fig\.|Table|Listing)\s*\1)\s*[:.]\s*", RegexOptions.IgnoreCase)]
    public static partial Regex DoubledLabel();

    [GeneratedRegex(@"^(\d{1,3}|[A-Za-z]|[ivxlcIVXLC]{1,5})[.)]$|^\((\d{1,3}|[A-Za-z]|[ivxlc]{1,5})\)$")]
    public static partial Regex Enumerator();

    public static Regex SectionNumber() => Quarry.Core.Text.HeadingLevels.SectionNumber();

    /// <summary>A numbered section heading: "2 Results", "3.1 Setup" (not "1." list items).</summary>
    [GeneratedRegex(@"^(\d+(\.\d+)+|\d+)\s*[A-Z][^.!?;:,]{1,70}$")]
    public static partial Regex NumberedHeading();

    /// <summary>Title-page lines that are set large or bold but head nothing: a copyright notice, a date alone.</summary>
    [GeneratedRegex(@"^(©|\(c\)\s*\d{4}|copyright\s*(©|\(c\)|\d{4}|by\b))|^(\d{1,2}(st|nd|rd|th)?\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2}(st|nd|rd|th)?,?\s+)?\d{2,4}$|^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$", RegexOptions.IgnoreCase)]
    public static partial Regex TitlePageLine();

    /// <summary>A lead-in label that opens a paragraph in bold or italic without heading a section: "Note.",
    /// "WARNING", "Theorem 2.1.", "Proof:", "Example 3".</summary>
    [GeneratedRegex(@"^(note|nb|n\.b|warning|caution|important|tip|hint|remark|example|proof|theorem|lemma|corollary|proposition|definition|conjecture|claim|assumption|observation|exercise|problem|solution|question|answer|step|case|figure|fig|table)\b[\s\d.:()a-z]*$", RegexOptions.IgnoreCase)]
    public static partial Regex LeadInLabel();

    /// <summary>The heading of a table of contents.</summary>
    [GeneratedRegex(@"^(table of )?contents$|^inhalt(sverzeichnis)?$|^table des matières$|^sommaire$|^índice$|^indice$|^содержание$|^目录$|^目次$", RegexOptions.IgnoreCase)]
    public static partial Regex ContentsHeading();

    /// <summary>Dot leaders of a contents or index line ("Setup . . . . 7").</summary>
    [GeneratedRegex(@"(\.\s?){4,}|…{2,}")]
    public static partial Regex DotLeader();

    /// <summary>A heading numbered in another scheme: "IV. Results", "B. Setup", "a) Tokens", "(3) Overview". Lists
    /// number the same way, so only a bold line counts (<see cref="BlockClassifier"/>).</summary>
    [GeneratedRegex(@"^([IVXLC]{1,6}\.|[A-Z][.)]|\(?[a-z]\)|\(\d{1,3}\))\s+[A-Z][^.!?;:,]{1,70}$")]
    public static partial Regex SchemeHeading();

    [GeneratedRegex(@"^\(\d+(\.\d+)?[a-z]?\)$")]
    public static partial Regex EquationNumber();

    [GeneratedRegex(@"^((page|p\.)\s*)?(\d{1,4}|[ivxlcdm]{1,7})(\s*(of|/)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$", RegexOptions.IgnoreCase)]
    public static partial Regex PageNumber();

    public static bool IsBullet(string token) => token is "•" or "◦" or "▪" or "‣" or "∙" or "·" or "–" or "-" or "*" or "○" or "■" or "□" or "►" or "➢" or "✓" or "●" or "⋄" or "◆";

    public static string UndoubleLabel(string caption) => DoubledLabel().Replace(caption, m => m.Groups[2].Value + ": ");
}
