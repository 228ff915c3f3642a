using System.Text;
using System.Text.RegularExpressions;

namespace Quarry.Parsing.Readers.Model.PostProcessing;

/// <summary>
/// The answer to an image or chart crop when image analysis is on (Pro models; Quarry leaves it off by default):
/// <c>&lt;|class_start|&gt;C&lt;|class_end|&gt;&lt;|sub_class_start|&gt;S…&lt;|caption_start|&gt;…&lt;|content_start|&gt;…&lt;|content_end|&gt;</c>
/// (a missing <c>content_end</c> is tolerated). <c>pure_table</c> becomes a table (Markdown table or OTSL to HTML),
/// <c>pure_formula</c> an equation, <c>chart</c> a chart with sub-type S, anything else an image with sub-type C whose
/// content is the caption for <c>natural_image</c> or when there is no content; <c>chemical</c> content is dropped.
/// Not ported: mineru-vl-utils' repair of chart tables (repetition, malformed Markdown) and of flowchart Mermaid
/// code; that content is kept as the model gave it.
/// </summary>
internal static partial class ImageAnalysisOutput
{
    private const string ContentStart = "<|content_start|>";

    public static void Apply(PageBlock block)
    {
        var content = block.Content!;
        var className = PyText.Strip(Field(content, "<|class_start|>", "<|class_end|>")).ToLowerInvariant();
        var subClass = PyText.Strip(Field(content, "<|sub_class_start|>", "<|sub_class_end|>")).ToLowerInvariant();
        var caption = Field(content, "<|caption_start|>", "<|caption_end|>");
        var body = Field(content, ContentStart, "<|content_end|>");
        if (body.Length == 0 && PyText.Count(content, ContentStart) == 1 && PyText.Count(content, "<|content_end|>") == 0)
        {
            body = content[(content.IndexOf(ContentStart, StringComparison.Ordinal) + ContentStart.Length)..];
        }
        if (className == "chemical")
        {
            body = "";
        }

        switch (className)
        {
            case "pure_table":
                block.Type = "table";
                var html = PureTableToHtml(body);
                block.Content = html.Length > 0 ? TableFormulaWrapper.Wrap(html) : "";
                break;
            case "pure_formula":
                block.Type = "equation";
                block.Content = body;
                break;
            case "chart":
                block.Type = "chart";
                block.SubType = subClass;
                block.Content = body;
                break;
            default:
                block.Type = "image";
                block.SubType = className;
                block.Content = className == "natural_image" || body.Length == 0 ? caption : body;
                break;
        }
    }

    /// <summary>Text between the first start tag and the next end tag, trimmed; "" when either is missing.</summary>
    private static string Field(string text, string startTag, string endTag)
    {
        var start = text.IndexOf(startTag, StringComparison.Ordinal);
        if (start < 0)
        {
            return "";
        }
        start += startTag.Length;
        var end = text.IndexOf(endTag, start, StringComparison.Ordinal);
        return end < 0 ? "" : PyText.Strip(text[start..end]);
    }

    private static readonly string[] OtslTokens = ["<nl>", "<fcel>", "<ecel>", "<lcel>", "<ucel>", "<xcel>"];

    private static string PureTableToHtml(string content)
    {
        if (PyText.IsBlank(content))
        {
            return "";
        }
        var stripped = PyText.Strip(content);
        var lower = stripped.ToLowerInvariant();
        if (lower.StartsWith("<table", StringComparison.Ordinal) && lower.EndsWith("</table>", StringComparison.Ordinal))
        {
            return stripped;
        }
        if (MarkdownTableToHtml(content) is { } markdown)
        {
            return markdown;
        }
        if (OtslTokens.Any(t => content.Contains(t, StringComparison.Ordinal)))
        {
            try
            {
                return OtslTableConverter.ToHtml(content);
            }
            catch (ArgumentOutOfRangeException)
            {
                return "";
            }
        }
        return "";
    }

    [GeneratedRegex(@"\A[" + PyText.SpaceClass + @"]*\|?[" + PyText.SpaceClass + @"]*:?-{3,}:?[" + PyText.SpaceClass + @"]*(\|[" + PyText.SpaceClass + @"]*:?-{3,}:?[" + PyText.SpaceClass + @"]*)+\|?[" + PyText.SpaceClass + @"]*\z")]
    private static partial Regex SeparatorLine();

    /// <summary>A pipe table (header, separator, rows of the same width) as HTML with a <c>&lt;th&gt;</c> header row; null when it is not one.</summary>
    private static string? MarkdownTableToHtml(string content)
    {
        var lines = SplitLines(PyText.Strip(content)).Select(PyText.Strip).ToList();
        if (lines.Count < 2 || lines.Any(l => l.Length == 0))
        {
            return null;
        }
        if (!IsRowCandidate(lines[0]) || !SeparatorLine().IsMatch(lines[1]))
        {
            return null;
        }
        var header = SplitRow(lines[0]);
        if (header.Count < 2 || SplitRow(lines[1]).Count != header.Count)
        {
            return null;
        }
        var body = new List<List<string>>();
        foreach (var line in lines.Skip(2))
        {
            if (!IsRowCandidate(line) || SplitRow(line) is not { } row || row.Count != header.Count)
            {
                return null;
            }
            body.Add(row);
        }
        var html = new StringBuilder("<table><tr>");
        foreach (var cell in header)
        {
            html.Append("<th>").Append(PyText.HtmlEscape(cell)).Append("</th>");
        }
        html.Append("</tr>");
        foreach (var row in body)
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                html.Append("<td>").Append(PyText.HtmlEscape(cell)).Append("</td>");
            }
            html.Append("</tr>");
        }
        return html.Append("</table>").ToString();
    }

    /// <summary><c>str.splitlines()</c> (its line boundaries, no trailing empty line).</summary>
    private static List<string> SplitLines(string s)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c is '\n' or '\r' or '\v' or '\f' or '\x1c' or '\x1d' or '\x1e' or '\x85' or '\u2028' or '\u2029')
            {
                lines.Add(s[start..i]);
                if (c == '\r' && i + 1 < s.Length && s[i + 1] == '\n')
                {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < s.Length)
        {
            lines.Add(s[start..]);
        }
        return lines;
    }

    private static string TrimPipes(string line)
    {
        var s = PyText.Strip(line);
        if (s.StartsWith('|'))
        {
            s = s[1..];
        }
        if (s.EndsWith('|'))
        {
            s = s[..^1];
        }
        return s;
    }

    private static bool IsRowCandidate(string line)
    {
        var s = PyText.Strip(line);
        return s.Length > 0 && s.Contains('|', StringComparison.Ordinal) && TrimPipes(s).Split('|').Length >= 2;
    }

    /// <summary>Cells of a pipe row; <c>\|</c> is a literal pipe, any other backslash is kept.</summary>
    private static List<string> SplitRow(string line)
    {
        var cells = new List<string>();
        var current = new StringBuilder();
        var escaped = false;
        foreach (var c in TrimPipes(line))
        {
            if (escaped)
            {
                current.Append(c == '|' ? "|" : "\\" + c);
                escaped = false;
            }
            else if (c == '\\')
            {
                escaped = true;
            }
            else if (c == '|')
            {
                cells.Add(PyText.Strip(current.ToString()));
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }
        if (escaped)
        {
            current.Append('\\');
        }
        cells.Add(PyText.Strip(current.ToString()));
        return cells;
    }
}
