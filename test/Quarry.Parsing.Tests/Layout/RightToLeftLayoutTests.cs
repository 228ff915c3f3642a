using Quarry.Core.Model;
using Quarry.Parsing.Tests.Fixtures.Scripts;

namespace Quarry.Parsing.Tests.Layout;

/// <summary>A right-to-left two-column page: the right column first, paragraphs split at right-hand indents.</summary>
public class RightToLeftLayoutTests
{
    [Fact]
    public void Columns_read_right_to_left_and_paragraphs_split_at_right_indents()
    {
        var paragraphs = ScriptFixtures.Parse("rtl-columns").BodyBlocks.Where(b => b.Type == BlockType.Text).Select(b => b.Text).ToList();
        Assert.Equal(5, paragraphs.Count);
        Assert.StartsWith("العمود الأول", paragraphs[0], StringComparison.Ordinal);
        Assert.StartsWith("الفقرة الثانية", paragraphs[1], StringComparison.Ordinal);
        Assert.StartsWith("الفقرة الثالثة", paragraphs[2], StringComparison.Ordinal);
        Assert.StartsWith("العمود الثاني", paragraphs[3], StringComparison.Ordinal);
        Assert.Equal("الفقرة الأخيرة في العمود الثاني تبدأ بمسافة بادئة وتنتهي هنا في آخر الصفحة.", paragraphs[4]);
    }
}
