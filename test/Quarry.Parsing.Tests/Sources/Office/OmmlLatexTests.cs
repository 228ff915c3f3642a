using Quarry.Core.Model;
using static Quarry.Parsing.Tests.Sources.Office.OfficeFixtures;

namespace Quarry.Parsing.Tests.Sources.Office;

public class OmmlLatexTests
{
    private static string R(string t) => $"<m:r><m:t>{t}</m:t></m:r>";

    private static string Display(string math) => Parse(Docx($"<w:p><m:oMathPara><m:oMath>{math}</m:oMath></m:oMathPara></w:p>")).Pages.Single().Blocks.Single(b => b.Type == BlockType.Equation).Text;

    [Theory]
    [InlineData("<m:f><m:num>{a}</m:num><m:den>{b}</m:den></m:f>", @"\frac{a}{b}")]
    [InlineData("<m:sSup><m:e>{x}</m:e><m:sup>{2}</m:sup></m:sSup>", "x^{2}")]
    [InlineData("<m:sSubSup><m:e>{x}</m:e><m:sub>{i}</m:sub><m:sup>{n}</m:sup></m:sSubSup>", "x_{i}^{n}")]
    [InlineData("<m:rad><m:radPr><m:degHide m:val=\"1\"/></m:radPr><m:deg/><m:e>{y}</m:e></m:rad>", @"\sqrt{y}")]
    [InlineData("<m:rad><m:deg>{3}</m:deg><m:e>{y}</m:e></m:rad>", @"\sqrt[3]{y}")]
    [InlineData("<m:nary><m:naryPr><m:chr m:val=\"∑\"/></m:naryPr><m:sub>{i=1}</m:sub><m:sup>{n}</m:sup><m:e>{i}</m:e></m:nary>", @"\sum_{i=1}^{n} i")]
    [InlineData("<m:nary><m:sub>{0}</m:sub><m:sup>{1}</m:sup><m:e>{f}</m:e></m:nary>", @"\int_{0}^{1} f")]
    [InlineData("<m:d><m:e>{a+b}</m:e></m:d>", @"\left(a+b\right)")]
    [InlineData("<m:d><m:dPr><m:begChr m:val=\"[\"/><m:endChr m:val=\"]\"/></m:dPr><m:e>{a}</m:e><m:e>{b}</m:e></m:d>", @"\left[a\mid b\right]")]
    [InlineData("<m:m><m:mr><m:e>{1}</m:e><m:e>{0}</m:e></m:mr><m:mr><m:e>{0}</m:e><m:e>{1}</m:e></m:mr></m:m>", @"\begin{matrix}1 & 0\\0 & 1\end{matrix}")]
    [InlineData("<m:func><m:fName>{sin}</m:fName><m:e>{θ}</m:e></m:func>", @"\sin \theta")]
    [InlineData("{α≤β}", @"\alpha \leq \beta")]
    public void Structures_convert_to_latex(string math, string latex) =>
        Assert.Equal(latex, Display(System.Text.RegularExpressions.Regex.Replace(math, "{([^}]*)}", m => R(m.Groups[1].Value))));

    [Fact]
    public void Inline_math_stays_in_its_paragraph_as_dollar_latex()
    {
        var docx = Docx($"<w:p><w:r><w:t xml:space=\"preserve\">Energy </w:t></w:r><m:oMath>{R("E=m")}<m:sSup><m:e>{R("c")}</m:e><m:sup>{R("2")}</m:sup></m:sSup></m:oMath><w:r><w:t xml:space=\"preserve\"> holds.</w:t></w:r></w:p>");
        var block = Parse(docx).Pages.Single().Blocks.Single();
        Assert.Equal("Energy $E=mc^{2}$ holds.", block.Text);
        Assert.Contains(block.Lines.Single().Spans, s => s.Type == SpanType.InlineEquation && s.Content == "E=mc^{2}");
        Assert.Equal("Energy $E=mc^{2}$ holds.\n", Quarry.Core.Writers.MarkdownWriter.Write(Parse(docx)));
    }

    [Fact]
    public void Display_math_is_an_equation_block_in_double_dollars()
    {
        var md = Markdown(Docx($"<w:p><m:oMathPara><m:oMath><m:f><m:num>{R("1")}</m:num><m:den>{R("2")}</m:den></m:f></m:oMath></m:oMathPara></w:p>"));
        Assert.Equal("$$\n\\frac{1}{2}\n$$\n", md);
    }
}
