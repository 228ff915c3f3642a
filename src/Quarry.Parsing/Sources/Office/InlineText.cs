using System.Text;
using Quarry.Core.Model;
using Quarry.Core.Text;

namespace Quarry.Parsing.Sources.Office;

/// <summary>Run formatting Markdown can say.</summary>
[Flags]
internal enum Emphasis
{
    None = 0,
    Bold = 1,
    Italic = 2,
}

/// <summary>
/// A paragraph's text with its inline equations: the text holds each formula as <c>$latex$</c> and
/// <see cref="Formulas"/> lists them, which the writers turn into inline-equation spans (as the model reader does).
/// <see cref="Markdown"/> is the same text as Markdown: prose escaped, bold and italic runs marked, formulas as
/// <c>$latex$</c>, links as written.
/// </summary>
internal sealed record InlineText(string Text, IReadOnlyList<string> Formulas, string? Markdown = null)
{
    public IReadOnlyList<Span> Spans()
    {
        if (Formulas.Count == 0)
        {
            return [new Span(SpanType.Text, Text, OfficeBlocks.NoBox)];
        }
        var spans = new List<Span>();
        var at = 0;
        foreach (var formula in Formulas)
        {
            var marked = "$" + formula + "$";
            var found = Text.IndexOf(marked, at, StringComparison.Ordinal);
            if (found < 0)
            {
                continue;
            }
            if (found > at)
            {
                spans.Add(new Span(SpanType.Text, Text[at..found], OfficeBlocks.NoBox));
            }
            spans.Add(new Span(SpanType.InlineEquation, formula, OfficeBlocks.NoBox));
            at = found + marked.Length;
        }
        if (at < Text.Length)
        {
            spans.Add(new Span(SpanType.Text, Text[at..], OfficeBlocks.NoBox));
        }
        return spans;
    }

    /// <summary>Collects a paragraph's pieces in order, the plain text and its Markdown side by side.</summary>
    public sealed class Builder
    {
        private readonly StringBuilder _text = new();
        private readonly StringBuilder _markdown = new();
        private readonly StringBuilder _run = new();
        private readonly List<string> _formulas = [];
        private Emphasis _emphasis;
        private bool _styled;

        public Builder Append(string text, Emphasis emphasis = Emphasis.None)
        {
            _text.Append(text);
            Switch(text.Trim().Length == 0 ? _emphasis : emphasis); // white space does not end a bold run
            _run.Append(MarkdownEscaper.Escape(text));
            return this;
        }

        public Builder AppendFormula(string latex)
        {
            if (latex.Length > 0)
            {
                _text.Append('$').Append(latex).Append('$');
                Switch(Emphasis.None);
                _run.Append('$').Append(latex).Append('$');
                _formulas.Add(latex);
            }
            return this;
        }

        public InlineText Build()
        {
            Flush();
            // Trim the ends only: inner runs of spaces are the author's.
            var text = _text.ToString().Trim();
            var markdown = _markdown.ToString().Trim();
            return new InlineText(text, [.. _formulas], _styled ? markdown : null);
        }

        private void Switch(Emphasis next)
        {
            if (next != _emphasis)
            {
                Flush();
                _emphasis = next;
            }
        }

        /// <summary>Closes the current run with its markers (white space kept outside them, where CommonMark needs it).</summary>
        private void Flush()
        {
            var run = _run.ToString();
            _run.Clear();
            var marker = _emphasis switch
            {
                Emphasis.Bold => "**",
                Emphasis.Italic => "*",
                Emphasis.Bold | Emphasis.Italic => "***",
                _ => "",
            };
            var core = run.Trim();
            if (marker.Length == 0 || core.Length == 0)
            {
                _markdown.Append(run);
            }
            else
            {
                _styled = true;
                _markdown.Append(run[..(run.Length - run.TrimStart().Length)]).Append(marker).Append(core).Append(marker).Append(run[run.TrimEnd().Length..]);
            }
        }
    }
}
