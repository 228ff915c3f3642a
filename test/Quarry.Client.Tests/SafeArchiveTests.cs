using System.Formats.Tar;
using System.IO.Compression;
using Quarry.Client.Transport;

namespace Quarry.Client.Tests;

public class SafeArchiveTests
{
    private static byte[] TarGz(params TarEntry[] entries)
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gz, TarEntryFormat.Pax))
        {
            foreach (var e in entries)
            {
                tar.WriteEntry(e);
            }
        }
        return ms.ToArray();
    }

    private static PaxTarEntry File(string name, int size = 3) => new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(new byte[size]) };

    [Theory]
    [InlineData("../escape.md")]
    [InlineData("/etc/passwd")]
    [InlineData("doc/../../x")]
    [InlineData("C:/windows/x")]
    public void Paths_that_leave_the_folder_are_refused(string name) =>
        Assert.Throws<InvalidDataException>(() => SafeArchive.Read(TarGz(File(name)), 1 << 20, 100));

    [Fact]
    public void Links_are_refused() =>
        Assert.Throws<InvalidDataException>(() => SafeArchive.Read(TarGz(new PaxTarEntry(TarEntryType.SymbolicLink, "doc/link") { LinkName = "/etc/passwd" }), 1 << 20, 100));

    [Fact]
    public void Size_and_count_limits_hold()
    {
        Assert.Throws<InvalidDataException>(() => SafeArchive.Read(TarGz(File("a", 600), File("b", 600)), 1000, 100));
        Assert.Throws<InvalidDataException>(() => SafeArchive.Read(TarGz(File("a"), File("b"), File("c")), 1 << 20, 2));
        Assert.Equal(2, SafeArchive.Read(TarGz(File("doc/a.md"), File("doc/images/b.png")), 1 << 20, 10).Count);
    }
}
