using System.Text;
using Quarry.Worker.LocalApi;

namespace Quarry.Worker.Tests.LocalApi;

public sealed class ResultStoreTests
{
    private static byte[] Json(int size) => Encoding.UTF8.GetBytes("\"" + new string('x', size - 2) + "\"");

    [Fact]
    public void Small_results_stay_in_memory_up_to_the_cap_and_the_rest_spill_to_disk()
    {
        using var store = new ResultStore(new ServeOptions { ResultMemoryBytes = 250, ResultSpillBytes = 100, ResultDiskBytes = 10_000 });
        store.Put("a", Json(100));
        store.Put("b", Json(100));
        store.Put("c", Json(100)); // would pass the memory cap
        store.Put("d", Json(101)); // over the spill size
        Assert.Equal(200, store.MemoryBytes);
        Assert.Equal(201, store.DiskBytes);
        foreach (var id in new[] { "a", "b", "c", "d" })
        {
            Assert.NotNull(store.Get(id));
        }
        Assert.Equal(Json(101), store.Get("d"));
    }

    [Fact]
    public void Past_the_disk_cap_the_oldest_spilled_results_are_evicted()
    {
        using var store = new ResultStore(new ServeOptions { ResultMemoryBytes = 0, ResultDiskBytes = 2_500 });
        store.Put("old", Json(1_000));
        store.Put("mid", Json(1_000));
        store.Put("new", Json(1_000));
        Assert.Null(store.Get("old"));
        Assert.NotNull(store.Get("mid"));
        Assert.NotNull(store.Get("new"));
        Assert.Equal(2_000, store.DiskBytes);
    }

    [Fact]
    public void Spilled_results_live_in_a_private_folder_that_is_removed_on_dispose()
    {
        string folder;
        using (var store = new ResultStore(new ServeOptions { ResultMemoryBytes = 0 }))
        {
            store.Put("x", Json(10));
            folder = store.SpillFolder!;
            Assert.True(File.Exists(Path.Combine(folder, "x.json")));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
            }
            store.Remove("x");
            Assert.Equal(0, store.DiskBytes);
            Assert.Empty(Directory.GetFiles(folder));
        }
        Assert.False(Directory.Exists(folder));
    }
}
