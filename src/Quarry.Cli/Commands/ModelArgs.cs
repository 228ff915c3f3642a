using Quarry.Parsing.Readers.Model.Vlm;

namespace Quarry.Cli.Commands;

/// <summary>
/// The model server <c>quarry parse --engine vlm|hybrid</c> reads pages with: <c>--vlm-url</c> (else
/// QUARRY_VLM_SERVER_URL), <c>--vlm-model</c> (else QUARRY_VLM_MODEL; null = the server's only model) and, for
/// hybrid, <c>--effort</c>. The API key is never an argument (command lines show in <c>ps</c>): it comes from
/// QUARRY_VLM_API_KEY when the reader is built.
/// </summary>
public sealed record ModelArgs(string ServerUrl, string? Model, string? Effort)
{
    /// <summary>The engines that read pages through the model server, and so need one.</summary>
    public const string VlmEngine = "vlm";

    public const string HybridEngine = "hybrid";

    public const string DefaultEffort = "medium";

    public static IReadOnlyList<string> Efforts { get; } = [DefaultEffort, "high"];

    /// <summary>The model options for <paramref name="engine"/>, null for an engine without a model; a contradiction or a missing server is a <see cref="UsageException"/>.</summary>
    public static ModelArgs? Resolve(string engine, string? url, string? model, string? effort, Func<string, string?> env)
    {
        var usesModel = engine is VlmEngine or HybridEngine;
        if (effort is not null && engine != HybridEngine)
        {
            throw new UsageException($"--effort applies to --engine {HybridEngine} only (the engine is {engine})");
        }
        if (!usesModel)
        {
            return url is null && model is null
                ? null
                : throw new UsageException($"--vlm-url and --vlm-model apply to --engine {VlmEngine} or {HybridEngine} only (the engine is {engine})");
        }
        var (server, source) = url is not null ? (url, "--vlm-url") : (NonEmpty(env(VlmOptions.ServerUrlVariable)), VlmOptions.ServerUrlVariable);
        if (server is null)
        {
            throw new UsageException($"--engine {engine} needs a model server: --vlm-url URL or {VlmOptions.ServerUrlVariable}");
        }
        if (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
        {
            throw new UsageException($"{source} '{server}' is not a model server URL: expected http(s)://host[:port]");
        }
        return new ModelArgs(server, model ?? NonEmpty(env(VlmOptions.ModelVariable)), engine == HybridEngine ? effort ?? DefaultEffort : null);
    }

    /// <summary>
    /// The reader's options: these, with the key and tuning (in-flight limit, timeouts, breaker) from the
    /// QUARRY_VLM_* variables.
    /// </summary>
    public VlmOptions ToVlmOptions()
    {
        return VlmOptions.FromEnvironment(ServerUrl) with { Model = Model };
    }

    private static string? NonEmpty(string? v) => string.IsNullOrWhiteSpace(v) ? null : v.Trim();
}
