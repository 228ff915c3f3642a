using System.Text;
using Quarry.Core.Writers;
using Quarry.Parsing.Pipeline;
using Quarry.Tests.Shared;

namespace Quarry.Parsing.Tests.Golden;

/// <summary>
/// Input PDF → expected Markdown and content list, checked in under Golden/. After a deliberate change to
/// layout or writers, regenerate with <c>UPDATE_GOLDEN=1 dotnet test</c> and review the diff.
/// </summary>
public class SampleGoldenTests
{
    [Theory]
    [InlineData("report")]
    [InlineData("two-column")]
    public void Sample_parses_to_its_golden_output(string name)
    {
        var doc = DocumentParser.Parse(File.ReadAllBytes(RepoPaths.Sample(name + ".pdf")), name, "txt", new ParseOptions());
        Match($"{name}.md", MarkdownWriter.Write(doc));
        Match($"{name}_content_list.json", Encoding.UTF8.GetString(ContentListWriter.Write(doc)));
    }

    private static void Match(string file, string actual, [System.Runtime.CompilerServices.CallerFilePath] string here = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(here)!, "Expected", file);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"missing golden file {file}; run with UPDATE_GOLDEN=1");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
