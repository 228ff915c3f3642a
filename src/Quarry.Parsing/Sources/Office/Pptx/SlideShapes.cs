using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;

namespace Quarry.Parsing.Sources.Office.Pptx;

/// <summary>A shape on a slide with its top-left corner in slide EMUs (groups resolved).</summary>
internal sealed record SlideShape(OpenXmlElement Element, double X, double Y, bool IsTitle, string? PlaceholderType);

/// <summary>The slide's shapes, groups flattened with their child offsets mapped to the slide.</summary>
internal static class SlideShapes
{
    public static List<SlideShape> Collect(OpenXmlElement tree, Placeholders placeholders)
    {
        var shapes = new List<SlideShape>();
        Walk(tree, (0, 0, 1, 1), placeholders, shapes);
        return shapes;
    }

    /// <summary>The placeholder type of a shape: "title", "body", …; "body" for an untyped placeholder (ECMA-376: obj).</summary>
    public static string? PlaceholderType(OpenXmlElement shape)
    {
        var ph = shape.Child("nvSpPr")?.Child("nvPr")?.Child("ph") ?? shape.Child("nvPicPr")?.Child("nvPr")?.Child("ph")
            ?? shape.Child("nvGraphicFramePr")?.Child("nvPr")?.Child("ph");
        return ph is null ? null : ph.Attr("type") ?? "body";
    }

    public static string? PlaceholderIndex(OpenXmlElement shape) =>
        (shape.Child("nvSpPr") ?? shape.Child("nvPicPr") ?? shape.Child("nvGraphicFramePr"))?.Child("nvPr")?.Child("ph")?.Attr("idx");

    /// <param name="map">Child offset to slide: x' = OffX + (x - ChX) * Scale…, kept as (dx, dy, sx, sy).</param>
    private static void Walk(OpenXmlElement container, (double Dx, double Dy, double Sx, double Sy) map, Placeholders placeholders, List<SlideShape> shapes)
    {
        foreach (var e in container.Content())
        {
            switch (e.LocalName)
            {
                case "grpSp":
                    var xfrm = e.Child("grpSpPr")?.Child("xfrm");
                    var (ox, oy) = Point(xfrm?.Child("off"), "x", "y");
                    var (ex, ey) = Point(xfrm?.Child("ext"), "cx", "cy");
                    var (cx, cy) = Point(xfrm?.Child("chOff"), "x", "y");
                    var (cex, cey) = Point(xfrm?.Child("chExt"), "cx", "cy");
                    var sx = cex > 0 ? ex / cex : 1;
                    var sy = cey > 0 ? ey / cey : 1;
                    // Compose: child → group → parent.
                    var inner = (Dx: map.Dx + (map.Sx * (ox - (cx * sx))), Dy: map.Dy + (map.Sy * (oy - (cy * sy))), Sx: map.Sx * sx, Sy: map.Sy * sy);
                    Walk(e, inner, placeholders, shapes);
                    break;
                case "sp" or "pic" or "graphicFrame":
                    var type = PlaceholderType(e);
                    var off = (e.Child("spPr") ?? e).Child("xfrm")?.Child("off") ?? placeholders.Offset(type, PlaceholderIndex(e));
                    var (x, y) = Point(off, "x", "y");
                    shapes.Add(new SlideShape(e, map.Dx + (map.Sx * x), map.Dy + (map.Sy * y), type is "title" or "ctrTitle", type));
                    break;
                default:
                    break; // connectors, content parts, group properties
            }
        }
    }

    private static (double X, double Y) Point(OpenXmlElement? e, string x, string y) =>
        (double.TryParse(e?.Attr(x), out var a) ? a : 0, double.TryParse(e?.Attr(y), out var b) ? b : 0);
}

/// <summary>Where a slide's layout (else its master) puts each placeholder, for placeholders the slide leaves unplaced.</summary>
internal sealed class Placeholders(SlidePart slide)
{
    public OpenXmlElement? Offset(string? type, string? index)
    {
        if (type is null)
        {
            return null;
        }
        var layout = slide.SlideLayoutPart;
        return Find(layout?.SlideLayout, type, index) ?? Find(layout?.SlideMasterPart?.SlideMaster, type, index);
    }

    private static OpenXmlElement? Find(OpenXmlElement? root, string type, string? index)
    {
        var shapes = root?.Child("cSld")?.Child("spTree")?.ContentDescendants().Where(e => e.LocalName == "sp").ToList() ?? [];
        var match = shapes.FirstOrDefault(s => index is not null && SlideShapes.PlaceholderIndex(s) == index)
            ?? shapes.FirstOrDefault(s => Same(SlideShapes.PlaceholderType(s), type));
        return match?.Child("spPr")?.Child("xfrm")?.Child("off");
    }

    private static bool Same(string? a, string b) => a == b || (a is "title" or "ctrTitle" && b is "title" or "ctrTitle");
}
