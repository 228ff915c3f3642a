using Quarry.Core.Text;
using Quarry.Parsing.Tests.Fixtures.Scripts;

namespace Quarry.Parsing.Tests.Layout;

/// <summary>CJK text is joined without spaces: between words on a line and between the lines of a paragraph.</summary>
public class CjkJoinTests
{
    [Fact]
    public void Chinese_paragraph_is_joined_without_spaces() =>
        Assert.Equal("中文文本的段落在行末不应该加入空格因为中文的词语之间本来就没有空格这是一个测试段落用来检查换行以后的连接是否正确。",
            ScriptFixtures.Markdown("cjk-chinese"));

    [Theory]
    [InlineData("中文", "文本", "中文文本")]
    [InlineData("中文", "Latin", "中文 Latin")]
    [InlineData("word", "wraps", "word wraps")]
    public void Continuation_joins_cjk_without_a_space(string first, string second, string joined) =>
        Assert.Equal(joined, Continuation.Join(first, second));
}
