using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Quarry.Parsing.Readers.Model;
using Quarry.Parsing.Readers.Model.Vlm;
using Quarry.Tests.Shared;
using SkiaSharp;

namespace Quarry.Parsing.Tests.Readers.Model.Vlm;

/// <summary>
/// Request-by-request comparison with mineru-vl-utils: the fixtures hold the requests its own client sent for
/// three corpus pages (bench/vlm-fidelity/record_requests.py); Quarry reads the same page renders against a
/// server giving the same canned answers, and must send the same requests: message shape, prompts, every
/// sampling field, and images with the same pixel size and the same RGB pixels.
/// </summary>
public sealed class VluRequestFidelityTests
{
    public static TheoryData<string> Pages() => [.. Directory.GetFiles(Fixtures).Select(f => Path.GetFileName(f))];

    private static string Fixtures => Path.Combine(RepoPaths.Root, "test", "Quarry.Parsing.Tests", "Readers", "Model", "Fixtures", "vlu-requests");

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Quarry_sends_what_mineru_vl_utils_sends(string fixture)
    {
        var recorded = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Fixtures, fixture)))!;
        var page = recorded["page"]!;
        var png = Render(Path.Combine(RepoPaths.Root, page["pdf"]!.GetValue<string>()), page["page_index"]!.GetValue<int>());
        Assert.Equal(page["rgb_sha256"]!.GetValue<string>(), Describe(png)["rgb_sha256"]!.GetValue<string>()); // same input as VLU had

        var theirs = recorded["requests"]!.AsArray().Where(r => r!["method"]!.GetValue<string>() == "POST").Select(r => r!).ToList();
        var canned = theirs.GroupBy(r => Prompt(r["body"]!)).ToDictionary(g => g.Key, g => g.First()["canned_response"]!.GetValue<string>());
        await using var server = await ChatServer.StartAsync();
        server.Models = [theirs[0]["body"]!["model"]!.GetValue<string>()];
        server.Answer = (r, _) => Reply.Chat(canned[r.Prompt]);

        var width = page["width"]!.GetValue<int>() * 72.0 / 200;
        var height = page["height"]!.GetValue<int>() * 72.0 / 200;
        await VlmPageReader.Create(new VlmOptions { ServerUrl = server.BaseUrl })
            .ReadPageAsync(new PageRender(0, png, width, height, 200), CancellationToken.None);

        var ours = server.Chats.Select(c => Canonical(Normalize(c.Body!))).ToList();
        var expected = theirs.Select(r => Canonical(r["body"]!)).ToList();
        Assert.Equal(expected.Count, ours.Count);
        Assert.Equal(expected[0], ours[0]); // the layout request comes first, alone
        // Content requests run concurrently here and one by one in VLU's sequential mode: compare as sets.
        Assert.Equal(expected.Skip(1).Order(StringComparer.Ordinal), ours.Skip(1).Order(StringComparer.Ordinal));
    }

    /// <summary>JSON as a server reads it: keys in order, numbers by value (Python writes 0.0 where .NET writes 0).</summary>
    private static string Canonical(JsonNode node) => Sorted(node)!.ToJsonString();

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Sorted)]),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => JsonValue.Create(double.Parse(v.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture)),
        _ => node?.DeepClone(),
    };

    private static string Prompt(JsonNode body) => body["messages"]![1]!["content"]![1]!["text"]!.GetValue<string>();

    /// <summary>The body as the fixture stores it: each image replaced by what its pixels are.</summary>
    private static JsonObject Normalize(JsonObject body)
    {
        var copy = body.DeepClone().AsObject();
        var image = copy["messages"]![1]!["content"]![0]!["image_url"]!.AsObject();
        var url = image["url"]!.GetValue<string>();
        var comma = url.IndexOf(',', StringComparison.Ordinal) + 1;
        copy["messages"]![1]!["content"]![0]!["image_url"] = Describe(Convert.FromBase64String(url[comma..]), url[..comma]);
        return copy;
    }

    private static JsonObject Describe(byte[] png, string prefix = "data:image/png;base64,")
    {
        using var bitmap = SKBitmap.Decode(png).Copy(SKColorType.Rgba8888);
        var rgb = new byte[bitmap.Width * bitmap.Height * 3];
        var pixels = bitmap.Bytes;
        for (int i = 0, o = 0; i < pixels.Length; i += 4, o += 3)
        {
            rgb[o] = pixels[i];
            rgb[o + 1] = pixels[i + 1];
            rgb[o + 2] = pixels[i + 2];
        }
        var mode = png[25] switch { 2 => "RGB", 6 => "RGBA", 0 => "L", 3 => "P", _ => "?" }; // PNG IHDR colour type
        return new JsonObject
        {
            ["data_url_prefix"] = prefix,
            ["format"] = "PNG",
            ["width"] = bitmap.Width,
            ["height"] = bitmap.Height,
            ["mode"] = mode,
            ["rgb_sha256"] = Convert.ToHexStringLower(SHA256.HashData(rgb)),
        };
    }

    /// <summary>The page as the fixture's recorder rendered it: <c>pdftoppm -r 200 -png</c>.</summary>
    private static byte[] Render(string pdf, int pageIndex)
    {
        var prefix = Path.Combine(Path.GetTempPath(), "quarry-vlu-" + Guid.NewGuid().ToString("N"));
        var psi = new ProcessStartInfo("pdftoppm") { RedirectStandardError = true };
        foreach (var a in new[] { "-r", "200", "-png", "-f", $"{pageIndex + 1}", "-l", $"{pageIndex + 1}", "-singlefile", pdf, prefix })
        {
            psi.ArgumentList.Add(a);
        }
        using (var p = Process.Start(psi)!)
        {
            p.WaitForExit();
            Assert.Equal(0, p.ExitCode);
        }
        try
        {
            return File.ReadAllBytes(prefix + ".png");
        }
        finally
        {
            File.Delete(prefix + ".png");
        }
    }
}
