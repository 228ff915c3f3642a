namespace Quarry.Client.Deploy;

/// <summary>What <c>quarry deploy</c> asks RunPod for: a serverless template (image, env) and an endpoint using it.</summary>
public sealed record EndpointSpec
{
    public required string Name { get; init; }
    public required string Image { get; init; }

    /// <summary>RunPod GPU type ids; the default is the 24 GB Ada class (RTX 4090).</summary>
    public IReadOnlyList<string> GpuTypeIds { get; init; } = ["NVIDIA GeForce RTX 4090"];
    public string ComputeType { get; init; } = "GPU";
    public int GpuCount { get; init; } = 1;
    public int WorkersMin { get; init; }
    public int WorkersMax { get; init; } = 3;
    public int IdleTimeoutSeconds { get; init; } = 5;
    public int ExecutionTimeoutMs { get; init; } = 600_000;
    public bool FlashBoot { get; init; } = true;
    public int ContainerDiskGb { get; init; } = 20;

    /// <summary>Plain environment variables (also RunPod secret references such as <c>{{ RUNPOD_SECRET_x }}</c>).</summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    /// <summary>Variables whose values come from the caller's environment; never printed.</summary>
    public IReadOnlyDictionary<string, string> Secrets { get; init; } = new Dictionary<string, string>();

    public string TemplateName => Name + "-template";
}
