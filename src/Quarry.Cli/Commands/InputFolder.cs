namespace Quarry.Cli.Commands;

/// <summary>The documents a folder argument stands for: its PDFs, page images and Office files (not recursive), in name order; each file's format is then sniffed from its bytes.</summary>
public static class InputFolder
{
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase) { ".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".docx", ".pptx", ".xlsx" };

    public static List<string> Files(string folder) => Directory
        .EnumerateFiles(folder, "*", SearchOption.TopDirectoryOnly)
        .Where(f => Extensions.Contains(Path.GetExtension(f)))
        .Order(StringComparer.Ordinal)
        .ToList();
}
