using Quarry.Cli.Commands;

namespace Quarry.Cli.Tests.Commands;

public class BasenameTests
{
    [Theory]
    [InlineData("/a/b/report.pdf", "report")]
    [InlineData("my file (1).pdf", "my_file__1_")]
    [InlineData("...pdf", "doc")]
    public void Basename_is_a_safe_stem(string path, string expected) => Assert.Equal(expected, Basename.From(path));
}
