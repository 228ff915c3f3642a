using System.Diagnostics;
using Quarry.Parsing.Errors;
using Quarry.Worker.Configuration;
using Quarry.Worker.Fetching;
using Quarry.Worker.Jobs;

namespace Quarry.Worker.Tests.Fetching;

/// <summary>volume_path through the fetcher: whole-path resolution, regular files only, one answer for every refusal.</summary>
public sealed class VolumeReaderTests : IDisposable
{
    private static readonly byte[] Pdf = "%PDF-1.4 test body"u8.ToArray();
    private readonly string _root = Directory.CreateTempSubdirectory("quarry-vol-").FullName;
    private readonly InputFetcher _fetcher;

    public VolumeReaderTests()
    {
        File.WriteAllBytes(Path.Combine(_root, "a.pdf"), Pdf);
        _fetcher = new InputFetcher(new WorkerOptions { VolumeRoots = [_root], MaxFetchBytes = 1 << 20 });
    }

    public void Dispose()
    {
        _fetcher.Dispose();
        Directory.Delete(_root, true);
    }

    private Task<byte[]> Read(string path, CancellationToken ct = default) =>
        _fetcher.FetchAsync(new JobRequest { Kind = InputKind.Volume, Source = path }, ct);

    /// <summary>Fails within 5 s (a blocked open would hang here) and returns the error.</summary>
    private async Task<JobException> Refused(string path)
    {
        var ex = await Assert.ThrowsAsync<JobException>(() => Read(path).WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal("volume_path", ex.Field);
        return ex;
    }

    private string Link(string name, string target)
    {
        var path = Path.Combine(_root, name);
        File.CreateSymbolicLink(path, target);
        return path;
    }

    [Fact]
    public async Task A_regular_file_under_a_root_is_read() =>
        Assert.Equal(Pdf, await Read(Path.Combine(_root, "a.pdf")));

    [Fact]
    public async Task A_link_inside_the_root_to_a_file_inside_it_is_followed() =>
        Assert.Equal(Pdf, await Read(Link("b.pdf", Path.Combine(_root, "a.pdf"))));

    [Fact]
    public async Task A_folder_link_out_of_the_root_is_refused_exactly_like_a_missing_file()
    {
        var etc = Link("etc", "/etc");
        var outside = await Refused(Path.Combine(etc, "passwd"));
        var outsideMissing = await Refused(Path.Combine(etc, "no-such-file"));
        var missing = await Refused(Path.Combine(_root, "nope.pdf"));
        var lexical = await Refused(Path.Combine(_root, "..", "..", "etc", "passwd"));
        Assert.All(new[] { outside, outsideMissing, missing, lexical }, e =>
        {
            Assert.Equal(ErrorCode.InvalidInput, e.Code);
            Assert.Equal(missing.Message, e.Message);
        });
    }

    [Fact]
    public async Task Dev_zero_through_a_folder_or_file_link_is_never_read()
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        await Refused(Path.Combine(Link("dev", "/dev"), "zero"));
        await Refused(Link("zero.pdf", "/dev/zero"));
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - before < 50_000_000, "bytes were read from /dev/zero");
    }

    [Fact]
    public async Task A_fifo_is_refused_at_once_instead_of_blocking_the_worker()
    {
        var fifo = Path.Combine(_root, "pipe.pdf");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }
        var clock = Stopwatch.StartNew();
        var ex = await Refused(fifo);
        Assert.Equal(ErrorCode.InvalidInput, ex.Code);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_directory_is_refused_like_a_missing_file()
    {
        Directory.CreateDirectory(Path.Combine(_root, "folder.pdf"));
        var dir = await Refused(Path.Combine(_root, "folder.pdf"));
        Assert.Equal((await Refused(Path.Combine(_root, "nope.pdf"))).Message, dir.Message);
    }

    [Theory]
    [InlineData("a.pdf\0.txt")]
    [InlineData("a.pdf\n")]
    [InlineData("a\u001b.pdf")]
    public async Task Control_characters_are_invalid_input(string name)
    {
        var ex = await Refused(_root + "/" + name);
        Assert.Equal(ErrorCode.InvalidInput, ex.Code);
        Assert.Contains("control character", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Relative_paths_are_invalid_input() =>
        Assert.Equal(ErrorCode.InvalidInput, (await Refused("a.pdf")).Code);

    [Fact]
    public async Task The_size_is_checked_before_reading()
    {
        var big = Path.Combine(_root, "big.pdf");
        using (var f = File.Create(big))
        {
            f.SetLength(64L << 20); // sparse: no disk, but 64 MiB to read
        }
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var ex = await Refused(big);
        Assert.Equal(ErrorCode.InputTooLarge, ex.Code);
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - before < 8_000_000, "the file was read before its size was checked");
    }

    [Fact]
    public async Task A_cancelled_job_does_not_read() =>
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Read(Path.Combine(_root, "a.pdf"), new CancellationToken(canceled: true)));
}
