using Quarry.Cli.Commands;
using Quarry.Core.Output;

namespace Quarry.Cli.Tests.Commands;

public class OutputNamesTests
{
    [Fact]
    public void Inputs_with_distinct_stems_keep_their_stems()
    {
        var names = OutputNames.Assign(["in/a.pdf", "in/b.png"], OutputLayout.Quarry);
        Assert.Equal("a", names["in/a.pdf"]);
        Assert.Equal("b", names["in/b.png"]);
    }

    [Fact]
    public void Inputs_that_would_share_an_output_folder_take_their_extensions_and_nothing_is_overwritten()
    {
        // Before: scan.pdf and scan.png both wrote OUT/scan/scan.md, in parallel, and one result was lost.
        string[] inputs = ["in/scan.pdf", "in/scan.png", "other/scan.pdf", "in/report.pdf", "in/Report.PDF"];
        var names = OutputNames.Assign(inputs, OutputLayout.Quarry);

        Assert.Equal("scan_pdf", names["in/scan.pdf"]);
        Assert.Equal("scan_png", names["in/scan.png"]);
        Assert.Equal("scan_pdf_2", names["other/scan.pdf"]);
        Assert.Equal(inputs.Length, names.Values.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void An_extension_name_never_takes_the_name_of_another_input()
    {
        // "scan_pdf.pdf" already owns scan_pdf: the clashing scan.pdf must not land in its folder.
        var names = OutputNames.Assign(["scan_pdf.pdf", "scan.pdf", "scan.png"], OutputLayout.Quarry);
        Assert.Equal("scan_pdf", names["scan_pdf.pdf"]);
        Assert.Equal(3, names.Values.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }
}
