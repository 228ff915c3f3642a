using System.Text.Json;
using Quarry.Parsing.Errors;
using Quarry.Worker.Jobs;

namespace Quarry.Worker.Tests.Jobs;

public class JobRequestParserTests
{
    private static JobRequest Parse(string json) => JobRequestParser.Parse(JsonDocument.Parse(json).RootElement);

    private static JobException Reject(string json) => Assert.Throws<JobException>(() => Parse(json));

    [Fact]
    public void Minimal_input_gets_the_contract_defaults()
    {
        var r = Parse("""{"file_url": "https://example.com/a.pdf"}""");
        Assert.Equal(InputKind.Url, r.Kind);
        Assert.Equal("doc", r.Basename);
        Assert.Equal("pipeline", r.Backend);
        Assert.Equal("auto", r.ParseMethod);
        Assert.Equal(Transport.TarballB64, r.Transport);
        Assert.Equal(0, r.StartPage);
        Assert.Equal(-1, r.EndPage);
        Assert.Equal(4, r.Formats.Count);
    }

    [Theory]
    [InlineData("""{"file_url": "https://x/a.pdf", "colour": "blue"}""", "colour")]
    [InlineData("""{}""", "file_url")]
    [InlineData("""{"file_url": "https://x/a.pdf", "file_b64": "AAAA"}""", "file_b64")]
    [InlineData("""{"file_url": "ftp://x/a.pdf"}""", "file_url")]
    [InlineData("""{"file_b64": "AAAA", "basename": "../etc/passwd"}""", "basename")]
    [InlineData("""{"file_b64": "AAAA", "basename": "x\n"}""", "basename")]
    [InlineData("""{"file_b64": "AAAA", "basename": "x\r"}""", "basename")]
    [InlineData("""{"file_b64": "AAAA", "start_page": "1"}""", "start_page")]
    [InlineData("""{"file_b64": "AAAA", "start_page": 3, "end_page": 1}""", "end_page")]
    [InlineData("""{"file_b64": "AAAA", "transport": "carrier-pigeon"}""", "transport")]
    [InlineData("""{"file_b64": "AAAA", "formats": ["markdown", "pdf"]}""", "formats")]
    [InlineData("""{"file_b64": "AAAA", "backend": "magic"}""", "backend")]
    [InlineData("""{"file_b64": "AAAA", "table_enable": "yes"}""", "table_enable")]
    [InlineData("""{"file_b64": "AAAA", "transport": "inline", "return": "inline"}""", "return")]
    public void Bad_input_is_rejected_naming_the_field(string json, string field)
    {
        var ex = Reject(json);
        Assert.Equal(ErrorCode.InvalidInput, ex.Code);
        Assert.Equal(field, ex.Field);
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
    }

    [Fact]
    public void Return_is_accepted_as_the_older_name_of_transport() =>
        Assert.Equal(Transport.Inline, Parse("""{"file_b64": "AAAA", "return": "inline"}""").Transport);

    [Fact]
    public void Source_label_drops_credentials_and_query() =>
        Assert.Equal("url:https://host.example/bucket/a.pdf", Parse("""{"file_url": "https://user:pw@host.example/bucket/a.pdf?X-Amz-Signature=secret"}""").SourceLabel);

    [Theory]
    [InlineData("""{"file_b64": "AAAA", "lang": "arabic"}""", "scripts/install-models.sh arabic")]
    [InlineData("""{"file_b64": "AAAA", "lang": "korean"}""", "scripts/install-models.sh korean")]
    [InlineData("""{"file_b64": "AAAA", "lang": "klingon"}""", "unknown OCR language 'klingon'")]
    public void A_lang_that_cannot_be_read_here_is_invalid_input_on_the_lang_field(string json, string message)
    {
        var ex = Reject(json);
        Assert.Equal(ErrorCode.InvalidInput, ex.Code);
        Assert.Equal("lang", ex.Field);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"file_b64": "AAAA"}""")]
    [InlineData("""{"file_b64": "AAAA", "lang": "en"}""")]
    [InlineData("""{"file_b64": "AAAA", "lang": "ch_server"}""")]
    public void The_default_lang_and_the_ch_variants_read_with_the_installed_model(string json) =>
        Assert.Equal(Quarry.Parsing.Readers.Ocr.OcrLanguages.Default, Parse(json).OcrLanguage);
}
