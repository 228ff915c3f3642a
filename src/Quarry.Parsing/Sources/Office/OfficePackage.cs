using System.IO.Compression;
using System.Xml;
using System.Xml.Linq;
using Quarry.Parsing.Errors;

namespace Quarry.Parsing.Sources.Office;

/// <summary>
/// The ZIP container of an Office document, checked before anything is decompressed: the central directory
/// gives every entry's expanded size, so a zip bomb is refused from the directory alone (and .NET's entry
/// streams stop at the declared size and check the CRC, so a lying directory cannot expand further). The
/// type comes from <c>[Content_Types].xml</c>, the main part's content type, never the file name.
/// </summary>
internal static class OfficePackage
{
    /// <summary>Entries a package may hold; real documents have tens to a few thousand (one per slide, image, sheet).</summary>
    public const int MaxEntries = 10_000;

    /// <summary>Expanded bytes a package may hold, all entries together.</summary>
    public const long MaxExpandedBytes = 1L << 30;

    /// <summary>The content types list is small; a huge one is not a real package.</summary>
    private const long MaxContentTypesBytes = 4 << 20;

    private static readonly (string Prefix, InputFormat Format)[] MainParts =
    [
        // Documents, templates and their macro-enabled kinds all end in ".main+xml" of their application.
        ("application/vnd.openxmlformats-officedocument.wordprocessingml.", InputFormat.Docx),
        ("application/vnd.ms-word.", InputFormat.Docx),
        ("application/vnd.openxmlformats-officedocument.presentationml.", InputFormat.Pptx),
        ("application/vnd.ms-powerpoint.", InputFormat.Pptx),
        ("application/vnd.openxmlformats-officedocument.spreadsheetml.", InputFormat.Xlsx),
        ("application/vnd.ms-excel.", InputFormat.Xlsx),
    ];

    /// <summary>Which Office document the ZIP is; throws when it is none, is damaged, or expands too far.</summary>
    public static InputFormat Classify(byte[] input) => Classify(input, MaxEntries, MaxExpandedBytes);

    internal static InputFormat Classify(byte[] input, int maxEntries, long maxExpandedBytes)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(input, writable: false), ZipArchiveMode.Read);
            CheckBounds(zip, maxEntries, maxExpandedBytes);
            var types = zip.GetEntry("[Content_Types].xml")
                ?? throw new ParseException(ErrorCode.UnsupportedFormat, "the input is a ZIP archive but not an Office document (no [Content_Types].xml); Quarry reads DOCX, PPTX and XLSX");
            if (types.Length > MaxContentTypesBytes)
            {
                throw new ParseException(ErrorCode.InputTooLarge, "the Office package's content types list is implausibly large");
            }
            using var stream = types.Open();
            var xml = XDocument.Load(stream);
            foreach (var type in xml.Root?.Elements().Select(e => (string?)e.Attribute("ContentType")) ?? [])
            {
                if (type is not null && type.EndsWith(".main+xml", StringComparison.OrdinalIgnoreCase))
                {
                    foreach (var (prefix, format) in MainParts)
                    {
                        if (type.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                        {
                            return format;
                        }
                    }
                }
            }
            throw new ParseException(ErrorCode.UnsupportedFormat, "the input is an OPC package with no Word, PowerPoint or Excel main part; Quarry reads DOCX, PPTX and XLSX");
        }
        catch (Exception ex) when (ex is InvalidDataException or XmlException or IOException)
        {
            throw Damaged(ex);
        }
    }

    /// <summary>A damaged container is INPUT_CORRUPT: PDF_CORRUPT would send a user looking for a PDF.</summary>
    public static ParseException Damaged(Exception ex) =>
        new(ErrorCode.InputCorrupt, "the Office document is damaged: its ZIP container could not be read", ex);

    private static void CheckBounds(ZipArchive zip, int maxEntries, long maxExpandedBytes)
    {
        if (zip.Entries.Count > maxEntries)
        {
            throw new ParseException(ErrorCode.InputTooLarge, $"the ZIP container has {zip.Entries.Count} entries; at most {maxEntries} are read");
        }
        long total = 0;
        foreach (var entry in zip.Entries)
        {
            total += entry.Length;
            if (entry.Length < 0 || total > maxExpandedBytes)
            {
                throw new ParseException(ErrorCode.InputTooLarge, $"the ZIP container expands to more than {maxExpandedBytes >> 20} MiB; refused as a possible zip bomb");
            }
        }
    }
}
