using System.Formats.Tar;
using System.IO.Compression;

namespace Quarry.Client.Transport;

/// <summary>
/// Unpacks a result archive into memory, refusing what a hostile or broken archive could do: absolute or
/// parent-relative paths, links, device entries, too many entries, too many bytes.
/// </summary>
public static class SafeArchive
{
    public static Dictionary<string, byte[]> Read(byte[] archive, long maxBytes, int maxEntries)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        long total = 0;
        void Add(string name, Stream? data, long declared)
        {
            if (files.Count >= maxEntries)
            {
                throw new InvalidDataException($"the archive has more than {maxEntries} entries");
            }
            var safe = SafeName(name);
            if (declared > maxBytes - total)
            {
                throw new InvalidDataException($"the archive unpacks to more than {maxBytes} bytes");
            }
            using var ms = new MemoryStream();
            if (data is not null)
            {
                var buffer = new byte[81920];
                int n;
                while ((n = data.Read(buffer)) > 0)
                {
                    total += n;
                    if (total > maxBytes)
                    {
                        throw new InvalidDataException($"the archive unpacks to more than {maxBytes} bytes");
                    }
                    ms.Write(buffer, 0, n);
                }
            }
            files[safe] = ms.ToArray();
        }

        if (archive.Length >= 4 && archive[0] == 'P' && archive[1] == 'K')
        {
            using var zip = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read);
            foreach (var entry in zip.Entries.Where(e => !e.FullName.EndsWith('/')))
            {
                using var s = entry.Open();
                Add(entry.FullName, s, entry.Length);
            }
            return files;
        }
        using var tar = new TarReader(new GZipStream(new MemoryStream(archive), CompressionMode.Decompress));
        while (tar.GetNextEntry() is { } entry)
        {
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    continue;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    Add(entry.Name, entry.DataStream, entry.Length);
                    break;
                default:
                    throw new InvalidDataException($"the archive holds a {entry.EntryType} entry ({entry.Name}); only regular files are accepted");
            }
        }
        return files;
    }

    private static string SafeName(string name)
    {
        var n = name.Replace('\\', '/');
        if (n.StartsWith('/') || n.Contains(':', StringComparison.Ordinal) || n.Split('/').Any(p => p is ".." or ""))
        {
            throw new InvalidDataException($"the archive entry '{name}' would land outside the output folder");
        }
        return n;
    }
}
