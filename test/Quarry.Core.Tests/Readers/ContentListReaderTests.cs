using System.Text.Json.Nodes;
using Quarry.Core.Model;
using Quarry.Core.Readers;
using Quarry.Core.Tests.Writers;
using Quarry.Core.Writers;

namespace Quarry.Core.Tests.Readers;

public class ContentListReaderTests
{
    [Fact]
    public void A_content_list_read_back_renders_the_same_markdown()
    {
        // The list's text is escaped and its code fenced as in the .md; reading back must undo both, or a
        // merged or chunked result would escape and fence twice.
        var document = SampleDocument.Create();
        var entries = JsonNode.Parse(ContentListWriter.Write(document))!.AsArray();
        var blocks = entries.Select(e => ContentListReader.Read(e!.AsObject())).OfType<Block>().ToList();
        Assert.Equal(MarkdownWriter.Write(document), MarkdownWriter.Write(blocks));
        Assert.False(blocks.Single(b => b.Type == BlockType.List).Ordered);
    }

    [Fact]
    public void Ordered_comes_from_the_attribute_and_from_the_older_sub_type()
    {
        Assert.True(ContentListReader.Read(JsonNode.Parse("""{"type":"list","sub_type":"text","attribute":"ordered","list_items":["a"]}""")!.AsObject())!.Ordered);
        Assert.True(ContentListReader.Read(JsonNode.Parse("""{"type":"list","sub_type":"ordered","list_items":["a"]}""")!.AsObject())!.Ordered);
    }
}
