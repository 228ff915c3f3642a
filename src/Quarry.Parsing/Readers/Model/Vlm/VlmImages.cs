namespace Quarry.Parsing.Readers.Model.Vlm;

/// <summary>mineru-vl-utils' image preparation: the layout image and the per-block crops (prepare_for_layout, prepare_for_extract, resize_by_need).</summary>
internal static class VlmImages
{
    public const int LayoutSize = 1036;
    public const int MinEdge = 28;
    public const double MaxEdgeRatio = 50;

    /// <summary>The whole page stretched to exactly 1036×1036 (aspect ignored, as MinerU).</summary>
    public static RgbImage Layout(RgbImage page) => BicubicResampler.Resize(page, LayoutSize, LayoutSize);

    /// <summary>
    /// The block at <paramref name="box"/> (fractions of the page) from the full-resolution render, turned by
    /// its layout angle, then padded/upscaled as needed. Null for a crop under one pixel.
    /// </summary>
    public static RgbImage? Crop(RgbImage page, ModelOutputBlock box)
    {
        var crop = page.Crop(box.X0 * page.Width, box.Y0 * page.Height, box.X1 * page.Width, box.Y1 * page.Height);
        if (crop.Width < 1 || crop.Height < 1)
        {
            return null;
        }
        if (box.Angle is 90 or 180 or 270)
        {
            crop = crop.RotateCounterClockwise(box.Angle.Value);
        }
        return ResizeByNeed(crop);
    }

    /// <summary>Pad white (centred) past a 50:1 aspect ratio, then upscale so the short edge is at least 28 px.</summary>
    public static RgbImage ResizeByNeed(RgbImage image)
    {
        var (w, h) = (image.Width, image.Height);
        if ((double)Math.Max(w, h) / Math.Min(w, h) > MaxEdgeRatio)
        {
            var (nw, nh) = w > h ? (w, (int)Math.Ceiling(w / MaxEdgeRatio)) : ((int)Math.Ceiling(h / MaxEdgeRatio), h);
            image = image.PasteOnWhite(nw, nh, (nw - w) / 2, (nh - h) / 2);
        }
        var shortEdge = Math.Min(image.Width, image.Height);
        if (shortEdge < MinEdge)
        {
            var scale = (double)MinEdge / shortEdge;
            image = BicubicResampler.Resize(image, (int)Math.Ceiling(image.Width * scale), (int)Math.Ceiling(image.Height * scale));
        }
        return image;
    }
}
