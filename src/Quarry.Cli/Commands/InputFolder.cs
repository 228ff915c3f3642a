namespace Quarry.Cli.Commands;

/// <summary>The documents a folder argument stands for: its PDFs and page images (not recursive), in name order.</summary>
public static class InputFolder
{
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase) { ".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff" };

    public static List<string> Files(string folder) => Directory
        .EnumerateFiles(folder, "*", SearchOption.TopDirectoryOnly)
        .Where(f => Extensions.Contains(Path.GetExtension(f)))
        .Order(StringComparer.Ordinal)
        .ToList();
}
