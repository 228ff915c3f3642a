using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Quarry.Client.Deploy;

/// <summary>One HTTP call to RunPod's REST API, as printed by <c>--dry-run</c> (secrets masked).</summary>
public sealed record ApiCall(string Method, string Path, JsonObject? Body)
{
    public string Describe(IEnumerable<string> secretKeys)
    {
        var body = Body?.DeepClone().AsObject();
        if (body?["env"] is JsonObject env)
        {
            foreach (var key in secretKeys.Where(env.ContainsKey))
            {
                env[key] = "***";
            }
        }
        return body is null ? $"{Method} {Path}" : $"{Method} {Path}\n{body.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true })}";
    }
}

/// <summary>
/// Creates, updates and deletes a Quarry endpoint through RunPod's REST API (<c>https://rest.runpod.io/v1</c>):
/// a serverless template holding the image and environment, and an endpoint using it. Deploy is idempotent —
/// existing template and endpoint (found by name) are updated in place.
/// </summary>
public sealed class RunPodDeployer(HttpClient http, Uri baseUrl, string apiKey)
{
    public static Uri DefaultBaseUrl { get; } = new("https://rest.runpod.io/v1/");

    /// <summary>Plans (and unless <paramref name="dryRun"/>, makes) the calls that bring RunPod to <paramref name="spec"/>.</summary>
    public async Task<(string? EndpointId, List<ApiCall> Calls)> DeployAsync(EndpointSpec spec, bool dryRun, CancellationToken ct)
    {
        var calls = new List<ApiCall>();
        var template = await FindAsync("templates", spec.TemplateName, ct);
        var templateBody = new JsonObject
        {
            ["name"] = spec.TemplateName,
            ["imageName"] = spec.Image,
            ["isServerless"] = true,
            ["containerDiskInGb"] = spec.ContainerDiskGb,
            ["env"] = Env(spec),
        };
        string? templateId = template?["id"]?.GetValue<string>();
        if (templateId is null)
        {
            var created = await CallAsync(new ApiCall("POST", "templates", templateBody), dryRun, calls, ct);
            templateId = created?["id"]?.GetValue<string>() ?? "<new template id>";
        }
        else
        {
            templateBody.Remove("isServerless"); // fixed at creation
            await CallAsync(new ApiCall("PATCH", $"templates/{templateId}", templateBody), dryRun, calls, ct);
        }
        var endpoint = await FindAsync("endpoints", spec.Name, ct);
        var endpointBody = new JsonObject
        {
            ["name"] = spec.Name,
            ["templateId"] = templateId,
            ["computeType"] = spec.ComputeType,
            ["gpuTypeIds"] = new JsonArray(spec.GpuTypeIds.Select(g => (JsonNode)g).ToArray()),
            ["gpuCount"] = spec.GpuCount,
            ["workersMin"] = spec.WorkersMin,
            ["workersMax"] = spec.WorkersMax,
            ["idleTimeout"] = spec.IdleTimeoutSeconds,
            ["executionTimeoutMs"] = spec.ExecutionTimeoutMs,
            ["flashboot"] = spec.FlashBoot,
        };
        if (spec.ComputeType == "CPU")
        {
            endpointBody.Remove("gpuTypeIds");
            endpointBody.Remove("gpuCount");
        }
        var endpointId = endpoint?["id"]?.GetValue<string>();
        if (endpointId is null)
        {
            var created = await CallAsync(new ApiCall("POST", "endpoints", endpointBody), dryRun, calls, ct);
            endpointId = created?["id"]?.GetValue<string>();
        }
        else
        {
            await CallAsync(new ApiCall("PATCH", $"endpoints/{endpointId}", endpointBody), dryRun, calls, ct);
        }
        return (endpointId, calls);
    }

    /// <summary>Scales the endpoint to zero, deletes it, then deletes its template (unless kept).</summary>
    public async Task<List<ApiCall>> DestroyAsync(string name, bool keepTemplate, bool dryRun, CancellationToken ct)
    {
        var calls = new List<ApiCall>();
        if (await FindAsync("endpoints", name, ct) is { } endpoint)
        {
            var id = endpoint["id"]!.GetValue<string>();
            await CallAsync(new ApiCall("PATCH", $"endpoints/{id}", new JsonObject { ["workersMin"] = 0, ["workersMax"] = 0 }), dryRun, calls, ct);
            await CallAsync(new ApiCall("DELETE", $"endpoints/{id}", null), dryRun, calls, ct);
        }
        if (!keepTemplate && await FindAsync("templates", name + "-template", ct) is { } template)
        {
            await CallAsync(new ApiCall("DELETE", $"templates/{template["id"]!.GetValue<string>()}", null), dryRun, calls, ct);
        }
        return calls;
    }

    private static JsonObject Env(EndpointSpec spec)
    {
        var env = new JsonObject();
        foreach (var (k, v) in spec.Env)
        {
            env[k] = v;
        }
        foreach (var (k, v) in spec.Secrets)
        {
            env[k] = v;
        }
        return env;
    }

    private async Task<JsonObject?> FindAsync(string kind, string name, CancellationToken ct)
    {
        var list = await SendAsync(HttpMethod.Get, kind, null, ct) as JsonArray ?? [];
        return list.OfType<JsonObject>().FirstOrDefault(o => o["name"]?.GetValue<string>() == name);
    }

    private async Task<JsonObject?> CallAsync(ApiCall call, bool dryRun, List<ApiCall> calls, CancellationToken ct)
    {
        calls.Add(call);
        return dryRun ? null : await SendAsync(new HttpMethod(call.Method), call.Path, call.Body, ct) as JsonObject;
    }

    private async Task<JsonNode?> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(baseUrl, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }
        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new QuarryRequestException($"RunPod answered {method} /{path} with HTTP {(int)response.StatusCode}: {(text.Length > 300 ? text[..300] : text)}", (int)response.StatusCode);
        }
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }
}
