using System.Text;
using Quarry.Core.Model;

namespace Quarry.Parsing.Sources.Office;

/// <summary>
/// A paragraph's text with its inline equations: the text holds each formula as <c>$latex$</c> and
/// <see cref="Formulas"/> lists them, which the writers turn into inline-equation spans (as the model reader does).
/// </summary>
internal sealed record InlineText(string Text, IReadOnlyList<string> Formulas)
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

    /// <summary>Collects a paragraph's pieces in order.</summary>
    public sealed class Builder
    {
        private readonly StringBuilder _text = new();
        private readonly List<string> _formulas = [];

        public int Length => _text.Length;

        public Builder Append(string text)
        {
            _text.Append(text);
            return this;
        }

        public Builder AppendFormula(string latex)
        {
            if (latex.Length > 0)
            {
                _text.Append('$').Append(latex).Append('$');
                _formulas.Add(latex);
            }
            return this;
        }

        public InlineText Build()
        {
            // Trim the ends only: inner runs of spaces are the author's.
            var text = _text.ToString().Trim();
            return new InlineText(text, [.. _formulas]);
        }
    }
}
