using System.Text.Json;
using Quarry.Parsing.Pipeline;
using Quarry.Parsing.Errors;
using Quarry.Tests.Shared;

namespace Quarry.Parsing.Tests.Sources;

/// <summary>Every broken or hostile input gets the error its expect.json names (or parses, where "ok" is allowed).</summary>
public class BadInputTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        var expect = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(RepoPaths.Corpus("bad"), "expect.json")))!;
        foreach (var (file, allowed) in expect.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            data.Add(file, allowed);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bad_input_gets_its_expected_outcome(string file, string allowed)
    {
        var bytes = File.ReadAllBytes(Path.Combine(RepoPaths.Corpus("bad"), file));
        var options = new ParseOptions();
        string outcome;
        try
        {
            // auto: PDFs read as usual, images go through OCR.
            var doc = DocumentParser.Parse(bytes, "bad", "auto", options);
            Assert.NotEmpty(doc.Pages);
            outcome = "ok";
        }
        catch (ParseException ex)
        {
            outcome = ex.Code.ToWire();
            Assert.False(string.IsNullOrWhiteSpace(ex.Message));
        }
        Assert.Contains(outcome, allowed.Split('|'));
    }
}
