using System.Globalization;
using System.Text;

namespace Quarry.Parsing.Sources.Office.Xlsx;

/// <summary>
/// A cell's number as Excel shows it under its number format (en-US conventions): General, fixed decimals,
/// thousands separators, percentages, scientific, literal prefixes and suffixes, sections for negative and
/// zero values, dates and times (serial days since 1899-12-30, or 1904). Fractions (<c># ?/?</c>) and
/// conditional sections fall back to General.
/// </summary>
internal static class NumberFormat
{
    private static readonly Dictionary<int, string> BuiltIn = new()
    {
        [0] = "General", [1] = "0", [2] = "0.00", [3] = "#,##0", [4] = "#,##0.00", [9] = "0%", [10] = "0.00%",
        [11] = "0.00E+00", [12] = "General", [13] = "General", [14] = "m/d/yyyy", [15] = "d-mmm-yy", [16] = "d-mmm",
        [17] = "mmm-yy", [18] = "h:mm AM/PM", [19] = "h:mm:ss AM/PM", [20] = "h:mm", [21] = "h:mm:ss", [22] = "m/d/yyyy h:mm",
        [37] = "#,##0 ;(#,##0)", [38] = "#,##0 ;[Red](#,##0)", [39] = "#,##0.00;(#,##0.00)", [40] = "#,##0.00;[Red](#,##0.00)",
        [45] = "mm:ss", [46] = "[h]:mm:ss", [47] = "mm:ss.0", [48] = "##0.0E+0", [49] = "@",
    };

    public static string? BuiltInCode(int id) => BuiltIn.GetValueOrDefault(id);

    public static string Format(double value, string? code, bool date1904)
    {
        if (string.IsNullOrEmpty(code) || code.Equals("General", StringComparison.OrdinalIgnoreCase) || code == "@")
        {
            return General(value);
        }
        var sections = Split(code);
        var section = sections[0];
        var negativeHasOwn = false;
        if (value < 0 && sections.Count > 1)
        {
            section = sections[1];
            negativeHasOwn = true;
        }
        else if (value == 0 && sections.Count > 2)
        {
            section = sections[2];
        }
        var clean = Clean(section);
        if (clean.Contains('?', StringComparison.Ordinal) && clean.Contains('/', StringComparison.Ordinal) || clean.Contains("[<", StringComparison.Ordinal) || clean.Contains("[>", StringComparison.Ordinal) || clean.Contains("[=", StringComparison.Ordinal))
        {
            return General(value);
        }
        if (IsDate(clean))
        {
            return DateFormat.Format(value, clean, date1904) ?? General(value);
        }
        var number = Number(negativeHasOwn ? Math.Abs(value) : value, clean);
        return number;
    }

    /// <summary>Excel's General: up to 11 significant digits, scientific for very large or small magnitudes.</summary>
    public static string General(double value)
    {
        if (value == 0 || double.IsNaN(value) || double.IsInfinity(value))
        {
            return value == 0 ? "0" : value.ToString(CultureInfo.InvariantCulture);
        }
        var abs = Math.Abs(value);
        if (abs >= 1e11 || abs < 1e-9)
        {
            return value.ToString("0.#####E+00", CultureInfo.InvariantCulture);
        }
        var integerDigits = abs >= 1 ? (int)Math.Floor(Math.Log10(abs)) + 1 : 0;
        var decimals = Math.Clamp(10 - integerDigits, 0, 10);
        return Math.Round(value, decimals).ToString("0.##########", CultureInfo.InvariantCulture);
    }

    /// <summary>Sections split at semicolons outside quotes.</summary>
    private static List<string> Split(string code)
    {
        var sections = new List<string>();
        var sb = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            if (c == '"')
            {
                quoted = !quoted;
            }
            if (c == '\\' && i + 1 < code.Length)
            {
                sb.Append(c).Append(code[++i]);
                continue;
            }
            if (c == ';' && !quoted)
            {
                sections.Add(sb.ToString());
                sb.Clear();
                continue;
            }
            sb.Append(c);
        }
        sections.Add(sb.ToString());
        return sections;
    }

    /// <summary>Drops colours and locale tags; a currency tag <c>[$€-407]</c> becomes its symbol in quotes.</summary>
    private static string Clean(string section)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < section.Length; i++)
        {
            if (section[i] == '[')
            {
                var end = section.IndexOf(']', i);
                if (end < 0)
                {
                    break;
                }
                var tag = section[(i + 1)..end];
                if (tag.StartsWith('$'))
                {
                    var symbol = tag[1..].Split('-')[0];
                    if (symbol.Length > 0)
                    {
                        sb.Append('"').Append(symbol).Append('"');
                    }
                }
                else if (tag.Length > 0 && (tag[0] is 'h' or 'H' or 'm' or 'M' or 's' or 'S') && tag.All(ch => char.ToLowerInvariant(ch) == char.ToLowerInvariant(tag[0])))
                {
                    sb.Append('[').Append(tag).Append(']'); // elapsed time, kept for the date formatter
                }
                else if (tag.StartsWith('<') || tag.StartsWith('>') || tag.StartsWith('='))
                {
                    sb.Append("[<"); // a condition: the caller falls back to General
                }
                i = end;
                continue;
            }
            sb.Append(section[i]);
        }
        return sb.ToString();
    }

    private static bool IsDate(string code)
    {
        var quoted = false;
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            if (c == '"')
            {
                quoted = !quoted;
                continue;
            }
            if (quoted)
            {
                continue;
            }
            if (c == '\\')
            {
                i++;
                continue;
            }
            if (char.ToLowerInvariant(c) is 'y' or 'd' or 'h' or 's' or 'm')
            {
                return true;
            }
            if (c is 'E' or 'e' && i + 1 < code.Length && code[i + 1] is '+' or '-')
            {
                return false;
            }
        }
        return false;
    }

    /// <summary>A numeric section: literal text around one number pattern of 0 # ? . , % E+.</summary>
    private static string Number(double value, string code)
    {
        var prefix = new StringBuilder();
        var suffix = new StringBuilder();
        var pattern = new StringBuilder();
        var percent = 0;
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            var target = pattern.Length == 0 ? prefix : suffix;
            switch (c)
            {
                case '"':
                    var end = code.IndexOf('"', i + 1);
                    end = end < 0 ? code.Length : end;
                    target.Append(code, i + 1, end - i - 1);
                    i = end;
                    break;
                case '\\':
                    if (i + 1 < code.Length)
                    {
                        target.Append(code[++i]);
                    }
                    break;
                case '_':
                    i++; // a space as wide as the next character
                    target.Append(' ');
                    break;
                case '*':
                    i++; // fill: repeats to the cell's width; nothing in text
                    break;
                case '%':
                    percent++;
                    target.Append('%');
                    break;
                case '0' or '#' or '?' or '.' or ',':
                    if (suffix.Length == 0 || c is not ('.' or ','))
                    {
                        pattern.Append(c);
                    }
                    else
                    {
                        suffix.Append(c);
                    }
                    break;
                case 'E' or 'e' when i + 1 < code.Length && code[i + 1] is '+' or '-' && pattern.Length > 0:
                    pattern.Append("E+");
                    i++;
                    while (i + 1 < code.Length && code[i + 1] is '0' or '#')
                    {
                        pattern.Append(code[++i]);
                    }
                    break;
                default:
                    target.Append(c);
                    break;
            }
        }
        for (var p = 0; p < percent; p++)
        {
            value *= 100;
        }
        var body = pattern.ToString();
        // Trailing commas scale by a thousand each ("#,##0,").
        while (body.EndsWith(',') && body.Length > 1)
        {
            value /= 1000;
            body = body[..^1];
        }
        var text = body.Length == 0 ? "" : value.ToString(body.Replace('?', '#'), CultureInfo.InvariantCulture);
        // .NET writes a minus for negatives; Excel does too in a single-section format, so that stands.
        return prefix + text + suffix.ToString().TrimEnd();
    }
}
