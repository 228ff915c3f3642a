using static Quarry.Parsing.Tests.Sources.Office.OfficeFixtures;

namespace Quarry.Parsing.Tests.Sources.Office;

public class DocxEmphasisTests
{
    private static string R(string text, string rPr = "") =>
        $"<w:r>{(rPr.Length > 0 ? "<w:rPr>" + rPr + "</w:rPr>" : "")}<w:t xml:space=\"preserve\">{text}</w:t></w:r>";

    [Fact]
    public void Bold_and_italic_runs_are_marked_with_white_space_outside_the_markers()
    {
        var body = "<w:p>" + R("Plain ") + R("bold ", "<w:b/>") + R("still", "<w:b/>") + R(" and ") + R("italic", "<w:i/>") + R(", ") + R("both", "<w:b/><w:i/>") + R(" and ") + R("not bold", "<w:b w:val=\"0\"/>") + R(" a*b") + "</w:p>";
        Assert.Equal("Plain **bold still** and *italic*, ***both*** and not bold a\\*b\n", Markdown(Docx(body)));
    }

    [Fact]
    public void The_plain_text_and_json_keep_the_words_without_markers()
    {
        var document = Parse(Docx("<w:p>" + R("Say ") + R("this", "<w:b/>") + "</w:p>"));
        var block = document.Pages.Single().Blocks.Single();
        Assert.Equal("Say this", block.Text);
        Assert.Equal("Say **this**", block.MarkdownText);
        Assert.Contains("\"text\": \"Say **this**\"", System.Text.Encoding.UTF8.GetString(Quarry.Core.Writers.ContentListWriter.Write(document)), StringComparison.Ordinal);
    }
}
