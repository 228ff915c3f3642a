using System.Text.Json;
using System.Text.Json.Nodes;
using Quarry.Parsing.Readers.Model;
using Quarry.Parsing.Readers.Model.PostProcessing;
using Quarry.Tests.Shared;

namespace Quarry.Parsing.Tests.Readers.Model.PostProcessing;

/// <summary>
/// ModelPostProcessor against mineru-vl-utils itself: each case's input blocks and the blocks VLU's
/// <c>post_process</c> returned for them (MinerU's settings), recorded by bench/vlm-fidelity/make_postprocess_fixture.py
/// into Fixtures/vlu-postprocess.json. Real model answers and edge cases; see Fixtures/README.md.
/// </summary>
public class ModelPostProcessorGoldenTests
{
    private static readonly string FixturePath =
        Path.Combine(RepoPaths.Root, "test", "Quarry.Parsing.Tests", "Readers", "Model", "Fixtures", "vlu-postprocess.json");

    private static readonly Lazy<Dictionary<string, JsonObject>> Cases = new(() =>
        JsonNode.Parse(File.ReadAllText(FixturePath))!["cases"]!.AsArray()
            .Select(c => c!.AsObject())
            .ToDictionary(c => (string)c["name"]!));

    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in Cases.Value.Keys)
        {
            data.Add(name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Output_equals_mineru_vl_utils(string name)
    {
        var c = Cases.Value[name];
        var input = c["input"]!.AsArray().Select(b => ToBlock(b!.AsObject())).ToList();

        var actual = ModelPostProcessor.Process(input).Select(Describe).ToList();

        var expected = c["expected"]!.AsArray().Select(b => Describe(ToBlock(b!.AsObject()))).ToList();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Fixture_covers_real_answers_and_the_abandoned_page()
    {
        Assert.True(Cases.Value.Count >= 40);
        Assert.Contains(Cases.Value.Values, c => (string)c["source"]! != "EDGE");
        Assert.Contains(Cases.Value.Values, c => c["vlu_error"] is not null);
    }

    [Fact]
    public void Input_list_is_not_modified()
    {
        var input = new List<ModelOutputBlock>
        {
            new() { Type = "list_item", X0 = 0.1, Y0 = 0.1, X1 = 0.9, Y1 = 0.2, Content = "\\[x\\]" },
        };
        var output = ModelPostProcessor.Process(input);
        Assert.Equal("list_item", input[0].Type);
        Assert.Equal("\\[x\\]", input[0].Content);
        Assert.Equal(("text", "\\(x\\)"), (output[0].Type, output[0].Content));
    }

    private static ModelOutputBlock ToBlock(JsonObject b)
    {
        var box = b["bbox"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        return new ModelOutputBlock
        {
            Type = (string)b["type"]!,
            X0 = box[0], Y0 = box[1], X1 = box[2], Y1 = box[3],
            Angle = b["angle"]?.GetValue<int>(),
            Content = b["content"]?.GetValue<string>(),
            MergePrev = b["merge_prev"]?.GetValue<bool>() ?? false,
            SubType = b["sub_type"]?.GetValue<string>(),
        };
    }

    /// <summary>One line per block, so a mismatch shows which block and field differ.</summary>
    private static string Describe(ModelOutputBlock b) =>
        JsonSerializer.Serialize(new object?[] { b.Type, b.X0, b.Y0, b.X1, b.Y1, b.Angle, b.Content, b.MergePrev, b.SubType });
}
