using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Quarry.Tests.Shared;

namespace Quarry.Worker.Tests.Sdk;

/// <summary>
/// RunPod's official JS SDK (npm <c>runpod-sdk</c>, installed by test.sh into test/tools) run by node against a
/// base URL: each call is one scenario of runpod-sdk-client.mjs, and returns what the SDK returned.
/// </summary>
internal sealed class RunPodSdk(string baseUrl, string apiKey, string endpointId)
{
    private static readonly string Tools = Path.Combine(RepoPaths.Root, "test", "tools");
    private static readonly string Script = Path.Combine(RepoPaths.Root, "test", "Quarry.Worker.Tests", "Sdk", "runpod-sdk-client.mjs");

    public async Task<JsonObject> Run(string scenario, object? arg = null)
    {
        if (!File.Exists(Path.Combine(Tools, "node_modules", "runpod-sdk", "package.json")))
        {
            throw new InvalidOperationException($"runpod-sdk is not installed in {Tools}; run ./test.sh or (cd test/tools && npm ci)");
        }
        var psi = new ProcessStartInfo("node", [Script, Tools, baseUrl, apiKey, endpointId, scenario, JsonSerializer.Serialize(arg ?? new { })])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var node = Process.Start(psi)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await node.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            throw new TimeoutException($"runpod-sdk scenario {scenario} ran past 90 s: {await stderr}");
        }
        var output = await stdout;
        if (node.ExitCode != 0)
        {
            throw new InvalidOperationException($"runpod-sdk scenario {scenario} exited {node.ExitCode}: {await stderr}\n{output}");
        }
        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        return JsonNode.Parse(last)!.AsObject();
    }
}
