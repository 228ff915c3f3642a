using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Quarry.Client.Deploy;
using Quarry.Worker.Tests;

namespace Quarry.Client.Tests;

/// <summary>Deploy/destroy against a fake of RunPod's REST API (v1 shapes: templates and endpoints with ids) on loopback.</summary>
public sealed class DeployTests : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, JsonObject> _templates = new();
    private readonly ConcurrentDictionary<string, JsonObject> _endpoints = new();
    private readonly ConcurrentQueue<string> _log = new();
    private LoopbackServer _api = null!;
    private int _ids;

    public async Task InitializeAsync() => _api = await LoopbackServer.StartAsync(app =>
    {
        foreach (var (kind, store) in new[] { ("templates", _templates), ("endpoints", _endpoints) })
        {
            app.MapGet($"/v1/{kind}", (HttpContext ctx) => Auth(ctx) ?? Results.Text(new JsonArray(store.Values.Select(v => (JsonNode)v.DeepClone()).ToArray()).ToJsonString(), "application/json"));
            app.MapPost($"/v1/{kind}", async (HttpContext ctx) =>
            {
                var body = (await JsonNode.ParseAsync(ctx.Request.Body))!.AsObject();
                _log.Enqueue($"POST {kind} {body.ToJsonString()}");
                body["id"] = $"{kind[..2]}{Interlocked.Increment(ref _ids)}";
                store[body["id"]!.GetValue<string>()] = body;
                return Auth(ctx) ?? Results.Text(body.ToJsonString(), "application/json");
            });
            app.MapMethods($"/v1/{kind}/{{id}}", ["PATCH"], async (HttpContext ctx, string id) =>
            {
                var body = (await JsonNode.ParseAsync(ctx.Request.Body))!.AsObject();
                _log.Enqueue($"PATCH {kind}/{id} {body.ToJsonString()}");
                if (!store.TryGetValue(id, out var existing))
                {
                    return Results.NotFound();
                }
                foreach (var (k, v) in body)
                {
                    existing[k] = v?.DeepClone();
                }
                return Results.Text(existing.ToJsonString(), "application/json");
            });
            app.MapDelete($"/v1/{kind}/{{id}}", (string id) =>
            {
                _log.Enqueue($"DELETE {kind}/{id}");
                return store.TryRemove(id, out _) ? Results.NoContent() : Results.NotFound();
            });
        }
    });

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private static IResult? Auth(HttpContext ctx) =>
        ctx.Request.Headers.Authorization.ToString() == "Bearer rp-key" ? null : Results.Unauthorized();

    private RunPodDeployer Deployer(HttpClient http) => new(http, new Uri(_api.BaseUrl + "/v1/"), "rp-key");

    private static EndpointSpec Spec(int workersMax = 3) => new()
    {
        Name = "quarry-prod",
        Image = "ghcr.io/example/quarry:1",
        WorkersMax = workersMax,
        Env = new Dictionary<string, string> { ["QUARRY_MAX_CONCURRENCY"] = "2" },
        Secrets = new Dictionary<string, string> { ["BUCKET_SECRET_ACCESS_KEY"] = "s3cr3t" },
    };

    [Fact]
    public async Task Deploy_creates_then_updates_in_place()
    {
        using var http = new HttpClient();
        var (id, calls) = await Deployer(http).DeployAsync(Spec(), dryRun: false, CancellationToken.None);
        Assert.Equal(["POST templates", "POST endpoints"], calls.Select(c => $"{c.Method} {c.Path}"));
        var endpoint = _endpoints[id!];
        Assert.Equal("quarry-prod", endpoint["name"]!.GetValue<string>());
        Assert.Equal("NVIDIA GeForce RTX 4090", endpoint["gpuTypeIds"]![0]!.GetValue<string>());
        Assert.True(endpoint["flashboot"]!.GetValue<bool>());
        Assert.Equal(_templates.Keys.Single(), endpoint["templateId"]!.GetValue<string>());
        Assert.Equal("s3cr3t", _templates.Values.Single()["env"]!["BUCKET_SECRET_ACCESS_KEY"]!.GetValue<string>());

        var (again, second) = await Deployer(http).DeployAsync(Spec(workersMax: 8), dryRun: false, CancellationToken.None);
        Assert.Equal(id, again);
        Assert.All(second, c => Assert.Equal("PATCH", c.Method));
        Assert.Single(_endpoints);
        Assert.Single(_templates);
        Assert.Equal(8, _endpoints[id!]["workersMax"]!.GetValue<int>());
    }

    [Fact]
    public async Task Dry_run_changes_nothing_and_masks_secrets()
    {
        using var http = new HttpClient();
        var (_, calls) = await Deployer(http).DeployAsync(Spec(), dryRun: true, CancellationToken.None);
        Assert.Empty(_templates);
        Assert.Empty(_log);
        var printed = string.Join("\n", calls.Select(c => c.Describe(Spec().Secrets.Keys)));
        Assert.Contains("POST templates", printed, StringComparison.Ordinal);
        Assert.Contains("\"imageName\": \"ghcr.io/example/quarry:1\"", printed, StringComparison.Ordinal);
        Assert.Contains("\"BUCKET_SECRET_ACCESS_KEY\": \"***\"", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", printed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Destroy_scales_to_zero_then_deletes_endpoint_and_template()
    {
        using var http = new HttpClient();
        var (id, _) = await Deployer(http).DeployAsync(Spec(), dryRun: false, CancellationToken.None);
        var calls = await Deployer(http).DestroyAsync("quarry-prod", keepTemplate: false, dryRun: false, CancellationToken.None);
        Assert.Equal([$"PATCH endpoints/{id}", $"DELETE endpoints/{id}", $"DELETE templates/{_log.First(l => l.StartsWith("DELETE templates", StringComparison.Ordinal))["DELETE templates/".Length..]}"],
            calls.Select(c => $"{c.Method} {c.Path}"));
        Assert.Empty(_endpoints);
        Assert.Empty(_templates);
        Assert.Empty(await Deployer(http).DestroyAsync("quarry-prod", false, false, CancellationToken.None));
    }

    [Fact]
    public async Task A_wrong_key_surfaces_runpods_answer()
    {
        using var http = new HttpClient();
        var deployer = new RunPodDeployer(http, new Uri(_api.BaseUrl + "/v1/"), "nope");
        var ex = await Assert.ThrowsAsync<QuarryRequestException>(() => deployer.DeployAsync(Spec(), false, CancellationToken.None));
        Assert.Equal(401, ex.Status);
    }
}
