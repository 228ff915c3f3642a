using Quarry.Core.Model;

namespace Quarry.Core.Tests.Model;

public class BoundingBoxTests
{
    [Fact]
    public void Permille_truncates_like_minerU_and_clamps()
    {
        var box = new BoundingBox(61.2, 79.2, 700, 396);
        Assert.Equal([100, 100, 1000, 500], box.ToPermille(612, 792));
    }

    [Fact]
    public void Union_covers_both() =>
        Assert.Equal(new BoundingBox(0, 0, 10, 20), new BoundingBox(0, 5, 5, 20).Union(new BoundingBox(2, 0, 10, 3)));

    [Fact]
    public void TableData_append_drops_a_repeated_header()
    {
        var first = new TableData([["h1", "h2"], ["a", "b"]], 1);
        var repeated = new TableData([["h1", "h2"], ["c", "d"]], 1);
        var bare = new TableData([["e", "f"]], 0);
        Assert.Equal(3, first.Append(repeated).Rows.Count);
        Assert.Equal(3, first.Append(bare).Rows.Count);
    }
}
