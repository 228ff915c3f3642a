using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Quarry.Worker.Fetching;

/// <summary>
/// The few Linux calls .NET does not expose: realpath (resolve every component of a path), open without
/// blocking and without following a final link, and statx on the open descriptor (its type and size, with
/// a layout that is the same on every architecture). Paths go in as NUL-terminated UTF-8.
/// </summary>
internal static class NativeMethods
{
    private const int PathMax = 4096;
    private const int ONonBlock = 0x800;
    private const int OCloExec = 0x80000;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxType = 0x1;
    private const uint StatxSize = 0x200;
    private const ushort TypeMask = 0xF000;
    private const ushort RegularFile = 0x8000;

    // O_NOFOLLOW is one of the few flags whose value differs between Linux architectures.
    private static int ONoFollow => RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm ? 0x8000 : 0x20000;

    [DllImport("libc", EntryPoint = "realpath", SetLastError = true)]
    private static extern IntPtr RealPathNative(byte[] path, byte[] resolved);

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int OpenNative(byte[] path, int flags);

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int StatxNative(int dirfd, byte[] path, int flags, uint mask, byte[] statx);

    /// <summary>The canonical absolute path with every link resolved, or null when any component is missing or unreadable.</summary>
    public static string? RealPath(string path)
    {
        var resolved = new byte[PathMax + 1];
        if (RealPathNative(Utf8(path), resolved) == IntPtr.Zero)
        {
            return null;
        }
        return Encoding.UTF8.GetString(resolved, 0, Array.IndexOf(resolved, (byte)0));
    }

    /// <summary>
    /// Opens for reading without blocking (a FIFO with no writer would otherwise wait forever) and without
    /// following a link in the last component; null when the open fails.
    /// </summary>
    public static SafeFileHandle? OpenForReading(string path)
    {
        var fd = OpenNative(Utf8(path), ONonBlock | ONoFollow | OCloExec); // O_RDONLY is 0
        return fd < 0 ? null : new SafeFileHandle(fd, ownsHandle: true);
    }

    /// <summary>Whether the open descriptor is a regular file, and its size: asked of the handle, so nothing can swap the file in between.</summary>
    public static (bool Regular, long Size)? Stat(SafeFileHandle handle)
    {
        var buffer = new byte[256]; // struct statx
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            if (StatxNative((int)handle.DangerousGetHandle(), [0], AtEmptyPath, StatxType | StatxSize, buffer) != 0)
            {
                return null;
            }
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
        var mode = BitConverter.ToUInt16(buffer, 28); // stx_mode
        var size = BitConverter.ToInt64(buffer, 40); // stx_size
        return ((mode & TypeMask) == RegularFile, size);
    }

    private static byte[] Utf8(string s)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(s) + 1];
        Encoding.UTF8.GetBytes(s, bytes);
        return bytes;
    }
}
