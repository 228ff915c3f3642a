using System.Text;
using Quarry.Core.Writers;

namespace Quarry.Core.Tests.Writers;

public class WriterGoldenTests
{
    [Fact]
    public void Markdown_matches_golden() =>
        Golden.Match("Writers/Golden/sample.md", MarkdownWriter.Write(SampleDocument.Create()));

    [Fact]
    public void ContentList_matches_golden() =>
        Golden.Match("Writers/Golden/sample_content_list.json", Encoding.UTF8.GetString(ContentListWriter.Write(SampleDocument.Create())));

    [Fact]
    public void ContentListV2_matches_golden() =>
        Golden.Match("Writers/Golden/sample_content_list_v2.json", Encoding.UTF8.GetString(ContentListV2Writer.Write(SampleDocument.Create())));

    [Fact]
    public void MiddleJson_matches_golden() =>
        Golden.Match("Writers/Golden/sample_middle.json", Encoding.UTF8.GetString(MiddleJsonWriter.Write(SampleDocument.Create())));
}
