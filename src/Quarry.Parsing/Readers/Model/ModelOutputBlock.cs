namespace Quarry.Parsing.Readers.Model;

/// <summary>
/// One block as mineru-vl-utils hands it over (and MinerU saves it in <c>*_model.json</c>): the model's
/// label, the box as 0–1 fractions of the page, the rotation, and the content (null when not extracted).
/// Kept in that shape so recorded outputs replay through the same post-processing.
/// </summary>
public sealed record ModelOutputBlock
{
    /// <summary>The model's label, lower-case (<c>text</c>, <c>title</c>, <c>table</c>, <c>equation</c>, …).</summary>
    public required string Type { get; init; }

    /// <summary>x0, y0, x1, y1 as fractions of the page width and height, top-left origin.</summary>
    public required double X0 { get; init; }
    public required double Y0 { get; init; }
    public required double X1 { get; init; }
    public required double Y1 { get; init; }

    /// <summary>Rotation read by the layout step (0/90/180/270), null when the model gave none.</summary>
    public int? Angle { get; init; }

    public string? Content { get; init; }

    /// <summary>Set on a text block that continues the previous paragraph (Pro models' <c>txt_contd_tgt</c>).</summary>
    public bool MergePrev { get; init; }

    /// <summary>For image and chart blocks read by image analysis: the sub-type.</summary>
    public string? SubType { get; init; }
}
