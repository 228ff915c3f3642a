using System.Text;
using Quarry.Core.Model;

namespace Quarry.Core.Text;

/// <summary>
/// A block's text with its inline equations set apart. Readers that find inline equations (the model
/// reader) write them into the block's text as <c>$latex$</c> and keep them as inline-equation spans; the
/// writers must not escape those dollars as prose, and content_list_v2 lists them as their own spans.
/// </summary>
public static class InlineMath
{
    /// <summary>The text split into prose and formula pieces, in order; one prose piece when the block has no formulas.</summary>
    public static IReadOnlyList<(bool IsMath, string Content)> Split(Block block, string text)
    {
        var formulas = block.Lines.Concat(block.Continuations.SelectMany(c => c.Lines))
            .SelectMany(l => l.Spans)
            .Where(s => s.Type == SpanType.InlineEquation)
            .Select(s => s.Content)
            .ToList();
        if (formulas.Count == 0)
        {
            return [(false, text)];
        }
        var pieces = new List<(bool, string)>();
        var at = 0;
        foreach (var formula in formulas)
        {
            var marked = "$" + formula + "$";
            var found = text.IndexOf(marked, at, StringComparison.Ordinal);
            if (found < 0)
            {
                continue; // not in this text (a continuation's text may have been rewritten); leave it as prose
            }
            if (found > at)
            {
                pieces.Add((false, text[at..found]));
            }
            pieces.Add((true, formula));
            at = found + marked.Length;
        }
        if (at < text.Length)
        {
            pieces.Add((false, text[at..]));
        }
        return pieces;
    }

    /// <summary>Markdown prose: the prose escaped, the formulas as <c>$latex$</c>.</summary>
    public static string Escape(Block block, string text)
    {
        var pieces = Split(block, text);
        if (pieces.Count == 1 && !pieces[0].IsMath)
        {
            return MarkdownEscaper.Escape(text);
        }
        var sb = new StringBuilder(text.Length + 8);
        foreach (var (isMath, content) in pieces)
        {
            sb.Append(isMath ? "$" + content + "$" : MarkdownEscaper.Escape(content));
        }
        return sb.ToString();
    }
}
