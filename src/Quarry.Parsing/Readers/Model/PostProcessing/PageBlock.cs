namespace Quarry.Parsing.Readers.Model.PostProcessing;

/// <summary>
/// A block while the post-processing works on it. mineru-vl-utils mutates its blocks in place, and when a late
/// step fails it hands back the original list with the earlier edits applied; a mutable copy reproduces that.
/// </summary>
internal sealed class PageBlock
{
    public required string Type { get; set; }
    public required double X0 { get; init; }
    public required double Y0 { get; init; }
    public required double X1 { get; init; }
    public required double Y1 { get; init; }
    public int? Angle { get; init; }
    public string? Content { get; set; }
    public bool MergePrev { get; init; }
    public string? SubType { get; set; }

    public static PageBlock From(ModelOutputBlock b) => new()
    {
        Type = b.Type, X0 = b.X0, Y0 = b.Y0, X1 = b.X1, Y1 = b.Y1,
        Angle = b.Angle, Content = b.Content, MergePrev = b.MergePrev, SubType = b.SubType,
    };

    public ModelOutputBlock ToOutput() => new()
    {
        Type = Type, X0 = X0, Y0 = Y0, X1 = X1, Y1 = Y1,
        Angle = Angle, Content = Content, MergePrev = MergePrev, SubType = SubType,
    };

    /// <summary>Python truthiness of the content: neither null nor empty.</summary>
    public bool HasContent => !string.IsNullOrEmpty(Content);
}
