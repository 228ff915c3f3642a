using System.Text.Json.Nodes;
using Quarry.Core.Model;
using Quarry.Core.Writers;
using Quarry.Parsing.Pipeline;
using Quarry.Tests.Shared;

namespace Quarry.Parsing.Tests.Conformance;

/// <summary>
/// The facts of ../shared/reference/mineru-output-format.md, one test each, checked over the real outputs of
/// the samples and the synthetic corpus. Each test also asserts that the corpus exercises its point at all.
/// </summary>
public class MinerUOutputConformanceTests
{
    private static IEnumerable<(string Id, JsonNode Page)> Pages() =>
        CorpusOutputs.All.SelectMany(o => o.Middle["pdf_info"]!.AsArray().Select(p => (o.Id, p!)));

    private static IEnumerable<(string Id, JsonNode Block)> ParaBlocks(string type) =>
        Pages().SelectMany(p => p.Page["para_blocks"]!.AsArray().Where(b => (string?)b!["type"] == type).Select(b => (p.Id, b!)));

    private static IEnumerable<(string Id, JsonObject Entry)> ContentList(string type) =>
        CorpusOutputs.All.SelectMany(o => o.ContentList.Select(e => e!.AsObject()).Where(e => (string?)e["type"] == type).Select(e => (o.Id, e)));

    private static IEnumerable<(string Id, JsonObject Content)> ContentListV2(string type) =>
        CorpusOutputs.All.SelectMany(o => o.ContentListV2.SelectMany(p => p!.AsArray())
            .Where(e => (string?)e!["type"] == type).Select(e => (o.Id, e!["content"]!.AsObject())));

    [Fact]
    public void List_blocks_have_the_pipeline_shape_and_known_sub_types()
    {
        var lists = ParaBlocks("list").ToList();
        Assert.NotEmpty(lists);
        foreach (var (id, list) in lists)
        {
            var lines = list["lines"]!.AsArray();
            Assert.True(lines.Count > 0, $"{id}: a list without lines");
            Assert.True((bool)lines[0]!["is_list_start_line"]!, $"{id}: a list's first line must start an item");
            Assert.All(lines, l => Assert.NotNull(l!["is_list_end_line"]));
            Assert.True((bool)lines[^1]!["is_list_end_line"]!, $"{id}: a list's last line must end an item");
            Assert.Contains((string?)list["sub_type"], new[] { "text", "ref_text" });
            Assert.Contains((string?)list["attribute"], new[] { "ordered", "unordered" });
            // The VLM shape beside it: one item block per started item.
            Assert.Equal(lines.Count(l => (bool)l!["is_list_start_line"]!), list["blocks"]!.AsArray().Count);
        }
    }

    [Fact]
    public void Merged_paragraphs_move_their_lines_into_the_first_part()
    {
        var merged = 0;
        foreach (var output in CorpusOutputs.All)
        {
            var pages = output.Middle["pdf_info"]!.AsArray();
            var preLines = pages.Sum(p => p!["preproc_blocks"]!.AsArray().Where(b => (string?)b!["type"] == "text").Sum(b => b!["lines"]!.AsArray().Count));
            var paraLines = pages.Sum(p => p!["para_blocks"]!.AsArray().Where(b => (string?)b!["type"] == "text").Sum(b => b!["lines"]!.AsArray().Count));
            foreach (var deleted in pages.SelectMany(p => p!["para_blocks"]!.AsArray()).Where(b => (string?)b!["type"] == "text" && b["lines_deleted"] is not null))
            {
                merged++;
                Assert.Empty(deleted!["lines"]!.AsArray());
            }
            // Every line is in para_blocks exactly once: moved, not copied or lost.
            Assert.True(preLines == paraLines, $"{output.Id}: {preLines} text lines in preproc_blocks, {paraLines} in para_blocks");
        }
        Assert.True(merged > 0, "the corpus has no merged paragraph");
    }

    [Fact]
    public void Each_page_numbers_its_blocks_in_one_reading_order_sequence()
    {
        foreach (var (id, page) in Pages())
        {
            var para = page["para_blocks"]!.AsArray();
            var numbered = para.Concat(page["discarded_blocks"]!.AsArray())
                .SelectMany(b => b!["blocks"] is JsonArray subs && subs.Any(s => s!["index"] is not null) ? subs.Select(s => s!) : [b!])
                .Select(b => (int)b["index"]!).ToList();
            Assert.True(numbered.Distinct().Count() == numbered.Count, $"{id} page {page["page_idx"]}: an index is used twice: {string.Join(",", numbered)}");
            var order = para.Select(b => (int)b!["index"]!).ToList();
            Assert.True(order.SequenceEqual(order.Order()), $"{id} page {page["page_idx"]}: para_blocks out of index order");
        }
    }

    [Fact]
    public void Page_size_is_in_integer_points()
    {
        // The corpus is all US Letter (612 x 792); an A4 page has fractional points.
        var a4 = new TestPdf().AddPage(TestPdf.Text("A4 page"), mediaBox: "0 0 595.28 841.89").ToBytes();
        var middle = JsonNode.Parse(MiddleJsonWriter.Write(DocumentParser.Parse(a4, "a4", "txt", new ParseOptions())))!;
        Assert.Equal("[595,841]", middle["pdf_info"]![0]!["page_size"]!.ToJsonString());
        foreach (var (id, page) in Pages())
        {
            var size = page["page_size"]!.AsArray();
            Assert.Equal(2, size.Count);
            Assert.All(size, v => Assert.True(v!.GetValue<System.Text.Json.JsonElement>().TryGetInt32(out _), $"{id}: page_size {size.ToJsonString()} is not integer"));
        }
    }

    [Fact]
    public void Version_name_is_a_minerU_version_with_quarrys_beside_it()
    {
        foreach (var output in CorpusOutputs.All)
        {
            var version = Version.Parse((string)output.Middle["_version_name"]!);
            Assert.True(version.Major >= 2, $"_version_name {version} reads as a MinerU older than the 2.x output format");
            Assert.Equal(MinerUFormat.Version, version.ToString());
            Assert.Equal(QuarryVersion.Current, (string?)output.Middle["_quarry_version"]);
        }
    }

    [Fact]
    public void V2_tables_have_minerUs_table_type_and_nest_level()
    {
        var tables = ContentListV2("table").ToList();
        Assert.NotEmpty(tables);
        foreach (var (id, table) in tables)
        {
            Assert.Contains((string?)table["table_type"], new[] { "simple_table", "complex_table" });
            Assert.True((int?)table["table_nest_level"] is 1 or 2, $"{id}: table_nest_level {table["table_nest_level"]}");
        }
    }

    [Fact]
    public void V2_lists_have_minerUs_list_type_and_an_attribute()
    {
        var lists = ContentListV2("list").ToList();
        Assert.NotEmpty(lists);
        foreach (var (_, list) in lists)
        {
            Assert.Contains((string?)list["list_type"], new[] { "text_list", "reference_list" });
            Assert.Contains((string?)list["attribute"], new[] { "ordered", "unordered" });
        }
        Assert.All(ContentList("list"), l => Assert.Contains((string?)l.Entry["sub_type"], new[] { "text", "ref_text" }));
    }

    [Fact]
    public void Code_has_footnotes_a_language_and_a_fenced_body()
    {
        var code = ContentList("code").ToList();
        Assert.NotEmpty(code);
        foreach (var (id, entry) in code)
        {
            Assert.IsType<JsonArray>(entry["code_footnote"]);
            var lang = (string)entry["guess_lang"]!;
            Assert.False(string.IsNullOrEmpty(lang), $"{id}: code without guess_lang");
            var body = (string)entry["code_body"]!;
            Assert.True(body.StartsWith("```" + lang + "\n", StringComparison.Ordinal) && body.EndsWith("\n```", StringComparison.Ordinal), $"{id}: code_body not fenced: {body}");
        }
        foreach (var (id, content) in ContentListV2("code"))
        {
            Assert.IsType<JsonArray>(content["code_footnote"]);
            Assert.False(string.IsNullOrEmpty((string?)content["code_language"]), $"{id}: code without code_language");
        }
    }

    [Fact]
    public void Content_list_text_is_escaped_as_in_the_markdown()
    {
        // The corpus's prose has no character Markdown escapes, so a real PDF that has them joins it here.
        var pdf = new TestPdf().AddPage(TestPdf.Text("Costs rose by $5 for the *base* plan_b tier, see ~notes.")).ToBytes();
        var doc = DocumentParser.Parse(pdf, "special", "txt", new ParseOptions());
        var special = new DocumentOutput("special", new JsonObject(), JsonNode.Parse(ContentListWriter.Write(doc))!.AsArray(), [], MarkdownWriter.Write(doc));
        foreach (var output in CorpusOutputs.All.Append(special))
        {
            foreach (var entry in output.ContentList.Select(e => e!.AsObject()).Where(e => (string?)e["type"] == "text"))
            {
                var text = (string)entry["text"]!;
                Assert.True(output.Markdown.Contains(text, StringComparison.Ordinal), $"{output.Id}: content_list text not in the .md as is: {text}");
            }
        }
        Assert.Contains(@"\$5", (string?)special.ContentList[0]!["text"], StringComparison.Ordinal);
    }

    [Fact]
    public void MinerU_reader_sees_a_merged_paragraph_whole()
    {
        foreach (var output in CorpusOutputs.All)
        {
            var md = MinerURulesReader.Read(output.Middle);
            foreach (var deleted in output.Middle["pdf_info"]!.AsArray().SelectMany(p => p!["preproc_blocks"]!.AsArray()
                .Zip(p["para_blocks"]!.AsArray()).Where(z => (string?)z.Second!["type"] == "text" && z.Second["lines_deleted"] is not null).Select(z => z.First!)))
            {
                // The continuation's text is read inside its first part's paragraph, never as a paragraph of its own.
                var text = MinerURulesReader.MergeText(deleted, "preproc");
                var paragraphs = md.Split("\n\n");
                Assert.True(
                    !paragraphs.Contains(text) && paragraphs.Any(para => para.Length > text.Length && para.Contains(text, StringComparison.Ordinal)),
                    $"{output.Id}: the continuation '{text}' is not read as part of its first block");
            }
        }
    }
}
