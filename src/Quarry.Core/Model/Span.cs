namespace Quarry.Core.Model;

public enum SpanType
{
    Text,
    InlineEquation,
    InterlineEquation,
}

/// <summary>A run of content inside a line.</summary>
public sealed record Span(SpanType Type, string Content, BoundingBox BoundingBox);

/// <summary>A visual line: one or more spans sharing a baseline.</summary>
public sealed record Line(BoundingBox BoundingBox, IReadOnlyList<Span> Spans)
{
    public string Text => Spans.Count == 1 ? Spans[0].Content : string.Concat(Spans.Select(s => s.Content));
}
