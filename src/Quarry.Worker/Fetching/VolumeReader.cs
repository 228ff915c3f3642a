using Microsoft.Win32.SafeHandles;
using Quarry.Parsing.Errors;
using Quarry.Worker.Jobs;

namespace Quarry.Worker.Fetching;

/// <summary>
/// Reads a job's <c>volume_path</c> (Linux). The whole path is resolved (every component's link, as realpath
/// does) and containment is checked on the result; the file is opened without blocking and without
/// following a last-moment link, and the open handle must be a regular file within the size cap before a
/// byte is read. Every refusal gives the same answer, so the API never tells whether a file exists.
/// </summary>
public sealed class VolumeReader(IReadOnlyList<string> roots, long maxBytes)
{
    private const int ChunkBytes = 1 << 20;

    public async Task<byte[]> ReadAsync(string path, CancellationToken ct)
    {
        if (path.Any(char.IsControl))
        {
            throw JobException.Invalid("volume_path", "volume_path contains a control character");
        }
        if (!Path.IsPathFullyQualified(path))
        {
            throw JobException.Invalid("volume_path", "volume_path must be absolute");
        }
        ct.ThrowIfCancellationRequested();
        using var handle = Open(path) ?? throw Refused();
        if (NativeMethods.Stat(handle) is not { Regular: true } stat)
        {
            throw Refused();
        }
        if (stat.Size > maxBytes || stat.Size > Array.MaxLength)
        {
            throw new JobException(ErrorCode.InputTooLarge, $"the file is larger than {maxBytes / (1024 * 1024)} MB", "volume_path");
        }
        // The read runs on the pool and the job waits for it only as long as its token allows: a hung mount
        // keeps a pool thread, never the job past its deadline.
        return await Task.Run(() => ReadAll(handle, stat.Size, ct), ct).WaitAsync(ct);
    }

    private SafeFileHandle? Open(string path)
    {
        var resolved = NativeMethods.RealPath(path);
        return resolved is not null && Inside(resolved) ? NativeMethods.OpenForReading(resolved) : null;
    }

    private bool Inside(string resolved) => roots
        .Select(NativeMethods.RealPath) // roots may be links themselves, or mounted after start
        .OfType<string>()
        .Any(root => resolved.StartsWith(root.TrimEnd('/') + "/", StringComparison.Ordinal));

    private static byte[] ReadAll(SafeFileHandle handle, long size, CancellationToken ct)
    {
        var buffer = new byte[size];
        var done = 0;
        while (done < buffer.Length)
        {
            ct.ThrowIfCancellationRequested();
            var n = RandomAccess.Read(handle, buffer.AsSpan(done, Math.Min(ChunkBytes, buffer.Length - done)), done);
            if (n == 0)
            {
                return buffer[..done]; // shrank while we read
            }
            done += n;
        }
        return buffer;
    }

    private JobException Refused() => JobException.Invalid("volume_path",
        $"volume_path must name a readable regular file under one of: {string.Join(", ", roots)} (links may not lead outside them)");
}
