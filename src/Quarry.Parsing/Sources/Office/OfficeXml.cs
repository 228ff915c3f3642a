using DocumentFormat.OpenXml;

namespace Quarry.Parsing.Sources.Office;

/// <summary>
/// Element and attribute look-ups by local name. The Office readers walk the XML generically rather than by
/// the SDK's typed classes: markup-compatibility wrappers and unknown extensions then need no special casing.
/// </summary>
internal static class OfficeXml
{
    public const string RelationshipsNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    public static OpenXmlElement? Child(this OpenXmlElement e, string localName) =>
        e.ChildElements.FirstOrDefault(c => c.LocalName == localName);

    public static IEnumerable<OpenXmlElement> Children(this OpenXmlElement e, string localName) =>
        e.ChildElements.Where(c => c.LocalName == localName);

    /// <summary>The value of the attribute with this local name (any namespace), or null.</summary>
    public static string? Attr(this OpenXmlElement? e, string localName)
    {
        if (e is null)
        {
            return null;
        }
        foreach (var a in e.GetAttributes())
        {
            if (a.LocalName == localName)
            {
                return a.Value;
            }
        }
        return null;
    }

    /// <summary>A relationship id attribute (r:id, r:embed).</summary>
    public static string? RelId(this OpenXmlElement e, string localName) =>
        e.GetAttributes().FirstOrDefault(a => a.LocalName == localName && a.NamespaceUri == RelationshipsNs).Value;

    /// <summary>An on/off property (w:b, w:vanish): present and not "0"/"false"/"off".</summary>
    public static bool IsOn(this OpenXmlElement? e) =>
        e is not null && e.Attr("val") is not ("0" or "false" or "off");

    /// <summary>
    /// The children a reader should see: an mc:AlternateContent stands for its first choice (its fallback
    /// repeats the same content for older readers and would be read twice).
    /// </summary>
    public static IEnumerable<OpenXmlElement> Content(this OpenXmlElement e)
    {
        foreach (var child in e.ChildElements)
        {
            if (child.LocalName == "AlternateContent")
            {
                var pick = child.Child("Choice") ?? child.Child("Fallback");
                if (pick is not null)
                {
                    foreach (var inner in pick.Content())
                    {
                        yield return inner;
                    }
                }
                continue;
            }
            yield return child;
        }
    }

    /// <summary>Descendants in document order, alternate content resolved to its first choice.</summary>
    public static IEnumerable<OpenXmlElement> ContentDescendants(this OpenXmlElement e)
    {
        foreach (var child in e.Content())
        {
            yield return child;
            foreach (var d in child.ContentDescendants())
            {
                yield return d;
            }
        }
    }
}
