using System.Formats.Tar;
using System.IO.Compression;
using Quarry.Core.Output;

namespace Quarry.Worker.Delivery;

/// <summary>Packs an output bundle as <c>B/…</c> entries, the layout <c>quarry parse -o OUT</c> writes under OUT.</summary>
public static class ArchiveWriter
{
    public static void Write(OutputBundle bundle, string format, Stream destination)
    {
        if (format == "zip")
        {
            using var zip = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
            foreach (var file in bundle.Files)
            {
                var entry = zip.CreateEntry($"{bundle.Basename}/{file.Path}", CompressionLevel.Optimal);
                entry.LastWriteTime = Epoch;
                using var s = entry.Open();
                file.WriteTo(s);
            }
            return;
        }
        using var gzip = new GZipStream(destination, CompressionLevel.Optimal, leaveOpen: true);
        using var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true);
        foreach (var file in bundle.Files)
        {
            var data = file.ToArray();
            var entry = new PaxTarEntry(TarEntryType.RegularFile, $"{bundle.Basename}/{file.Path}")
            {
                DataStream = new MemoryStream(data),
                ModificationTime = Epoch,
                Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            };
            tar.WriteEntry(entry);
        }
    }

    public static string Extension(string format) => format == "zip" ? "zip" : "tar.gz";

    // Fixed times make archives of equal content byte-identical, so their content hash (the S3 key) is stable.
    private static readonly DateTimeOffset Epoch = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
}
