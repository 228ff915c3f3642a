using System.Text.Json;
using System.Text.Json.Nodes;
using Quarry.Tests.Shared;
using Quarry.Worker.Configuration;
using Quarry.Worker.Pipeline;
using Quarry.Worker.Telemetry;

namespace Quarry.Worker.Tests.Pipeline;

/// <summary>Office documents through the job API: sniffed from the bytes (no file name), paged by slide and sheet.</summary>
public class OfficeJobTests
{
    private static async Task<JsonObject> Handle(object input)
    {
        using var services = new WorkerServices(new WorkerOptions(), JobLog.Null);
        return await services.Handler.HandleAsync("job-office", JsonSerializer.SerializeToElement(input), null, CancellationToken.None);
    }

    private static string B64(string sample) => Convert.ToBase64String(File.ReadAllBytes(RepoPaths.Sample(Path.Combine("office", sample))));

    [Theory]
    [InlineData("memo.docx", 1, "# Mosaic Meadow Kettle")]
    [InlineData("deck.pptx", 4, "# Glacier river copper")]
    [InlineData("book.xlsx", 3, "# Lantern0")]
    public async Task Each_format_parses_from_file_b64(string sample, int pages, string firstLine)
    {
        var o = await Handle(new { file_b64 = B64(sample), transport = "inline", formats = new[] { "markdown", "middle" } });
        Assert.True(o["ok"]!.GetValue<bool>(), o.ToJsonString());
        var result = o["results"]![0]!;
        Assert.StartsWith(firstLine + "\n", result["markdown"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(pages, result["middle"]!["pdf_info"]!.AsArray().Count);
        Assert.Equal("office", result["middle"]!["_backend"]!.GetValue<string>());
    }

    [Fact]
    public async Task Page_ranges_apply_to_slides()
    {
        var o = await Handle(new { file_b64 = B64("deck.pptx"), start_page = 1, end_page = 2, transport = "inline", formats = new[] { "middle" } });
        Assert.True(o["ok"]!.GetValue<bool>(), o.ToJsonString());
        Assert.Equal(2, o["results"]![0]!["pages_requested"]!.GetValue<int>());
        Assert.Equal(2, o["results"]![0]!["middle"]!["pdf_info"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_zip_that_is_no_office_document_is_an_unsupported_format()
    {
        using var stream = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var w = new StreamWriter(zip.CreateEntry("notes.txt").Open());
            w.Write("hello");
        }
        var o = await Handle(new { file_b64 = Convert.ToBase64String(stream.ToArray()) });
        Assert.Equal("UNSUPPORTED_FORMAT", o["error_code"]!.GetValue<string>());
    }
}
