using Quarry.Core.Model;
using Quarry.Core.Writers;

namespace Quarry.Core.Output;

/// <summary>The files of one parse, keyed by their path relative to the output folder.</summary>
public sealed class OutputBundle
{
    private readonly List<KeyValuePair<string, ReadOnlyMemory<byte>>> _files = [];

    public string Basename { get; }
    public IReadOnlyList<KeyValuePair<string, ReadOnlyMemory<byte>>> Files => _files;
    public long TotalBytes => _files.Sum(f => (long)f.Value.Length);

    private OutputBundle(string basename) => Basename = basename;

    /// <summary>Runs every writer over the document.</summary>
    public static OutputBundle From(ParsedDocument document)
    {
        var b = new OutputBundle(document.Basename);
        var stem = document.Basename;
        b.Add($"{stem}.md", System.Text.Encoding.UTF8.GetBytes(MarkdownWriter.Write(document)));
        b.Add($"{stem}_content_list.json", ContentListWriter.Write(document));
        b.Add($"{stem}_content_list_v2.json", ContentListV2Writer.Write(document));
        b.Add($"{stem}_middle.json", MiddleJsonWriter.Write(document));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var image in document.Pages.SelectMany(p => p.Images))
        {
            if (seen.Add(image.FileName))
            {
                b.Add("images/" + image.FileName, image.Data);
            }
        }
        return b;
    }

    private void Add(string path, ReadOnlyMemory<byte> data) => _files.Add(new(path, data));

    /// <summary>Writes the bundle under <paramref name="directory"/> (created if missing).</summary>
    public void WriteTo(string directory)
    {
        Directory.CreateDirectory(Path.Combine(directory, "images"));
        foreach (var (path, data) in _files)
        {
            var full = Path.Combine(directory, path);
            using var fs = new FileStream(full, FileMode.Create, FileAccess.Write, FileShare.None);
            fs.Write(data.Span);
        }
    }
}
