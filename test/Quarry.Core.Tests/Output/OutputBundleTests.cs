using Quarry.Core.Output;
using Quarry.Core.Tests.Writers;

namespace Quarry.Core.Tests.Output;

public class OutputBundleTests
{
    [Fact]
    public void Bundle_holds_the_minerU_file_set_and_writes_it()
    {
        var bundle = OutputBundle.From(SampleDocument.Create());
        Assert.Equal(
            ["sample.md", "sample_content_list.json", "sample_content_list_v2.json", "sample_middle.json", "images/fig.png"],
            bundle.Files.Select(f => f.Path).ToArray());
        Assert.Equal([1, 2, 3], bundle.Files[^1].ToArray());
        var dir = Path.Combine(Path.GetTempPath(), "quarry-bundle-" + Guid.NewGuid().ToString("N"));
        try
        {
            bundle.WriteTo(dir);
            Assert.Equal([1, 2, 3], File.ReadAllBytes(Path.Combine(dir, "images", "fig.png")));
            Assert.StartsWith("# Report Title", File.ReadAllText(Path.Combine(dir, "sample.md")), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
