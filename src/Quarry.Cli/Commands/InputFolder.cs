namespace Quarry.Cli.Commands;

/// <summary>The documents a folder argument stands for: its PDFs, page images and Office files (not recursive), in name order; each file's format is then sniffed from its bytes.</summary>
public static class InputFolder
{
    private static readonly string[] Listed = [".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".gif", ".bmp", ".webp", ".jp2", ".j2k", ".jpx", ".docx", ".pptx", ".xlsx"];

    private static readonly HashSet<string> Extensions = new(Listed, StringComparer.OrdinalIgnoreCase);

    /// <summary>The extensions read, as a user types them: <c>*.pdf, *.png, …</c>.</summary>
    public static string Patterns => string.Join(", ", Listed.Select(e => "*" + e));

    public static List<string> Files(string folder) => Directory
        .EnumerateFiles(folder, "*", SearchOption.TopDirectoryOnly)
        .Where(f => Extensions.Contains(Path.GetExtension(f)))
        .Order(StringComparer.Ordinal)
        .ToList();
}
