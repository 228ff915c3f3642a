using System.Text;
using Quarry.Core.Model;
using Quarry.Core.Writers;

namespace Quarry.Core.Output;

/// <summary>
/// The files of one parse, keyed by their path relative to the output folder. Each file is produced on
/// demand by its writer, so writing to disk streams and a large document is never held as text.
/// </summary>
public sealed class OutputBundle
{
    private readonly List<BundleFile> _files = [];

    public string Basename { get; }
    public IReadOnlyList<BundleFile> Files => _files;

    private OutputBundle(string basename) => Basename = basename;

    /// <summary>Lines up every writer over the document.</summary>
    public static OutputBundle From(ParsedDocument document)
    {
        var b = new OutputBundle(document.Basename);
        var stem = document.Basename;
        b._files.Add(new BundleFile($"{stem}.md", s => s.Write(Encoding.UTF8.GetBytes(MarkdownWriter.Write(document)))));
        b._files.Add(new BundleFile($"{stem}_content_list.json", s => ContentListWriter.Write(document, s)));
        b._files.Add(new BundleFile($"{stem}_content_list_v2.json", s => ContentListV2Writer.Write(document, s)));
        b._files.Add(new BundleFile($"{stem}_middle.json", s => MiddleJsonWriter.Write(document, s)));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var image in document.Pages.SelectMany(p => p.Images))
        {
            if (seen.Add(image.FileName))
            {
                var data = image.Data;
                b._files.Add(new BundleFile("images/" + image.FileName, s => s.Write(data.Span)));
            }
        }
        return b;
    }

    /// <summary>Writes the bundle under <paramref name="directory"/> (created if missing).</summary>
    public void WriteTo(string directory)
    {
        Directory.CreateDirectory(Path.Combine(directory, "images"));
        foreach (var file in _files)
        {
            using var fs = new FileStream(Path.Combine(directory, file.Path), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            file.WriteTo(fs);
        }
    }
}

/// <summary>One output file: its relative path and how to produce its bytes.</summary>
public sealed class BundleFile(string path, Action<Stream> write)
{
    public string Path { get; } = path;

    public void WriteTo(Stream stream) => write(stream);

    public byte[] ToArray() => JsonOutput.ToBytes(write);
}
