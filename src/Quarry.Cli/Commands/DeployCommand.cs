using Quarry.Client.Deploy;

namespace Quarry.Cli.Commands;

/// <summary><c>quarry deploy</c> / <c>quarry destroy</c>: a Quarry endpoint on RunPod Serverless, through RunPod's REST API.</summary>
public static class DeployCommand
{
    public const string DeployUsage = """
        usage: quarry deploy --name NAME --image IMAGE [options]

        Creates (or updates in place, found by name) a serverless template NAME-template and an endpoint NAME.
          --gpu ID              GPU type id, repeatable (default "NVIDIA GeForce RTX 4090", the 24 GB Ada class)
          --cpu                 CPU workers instead of GPUs
          --workers-min N       default 0          --workers-max N        default 3
          --idle-timeout S      default 5          --execution-timeout S  default 600
          --no-flashboot        FlashBoot is on by default
          --disk GB             container disk, default 20
          --env KEY=VALUE       environment variable, repeatable (RunPod secret refs like {{ RUNPOD_SECRET_x }} work)
          --secret KEY          send KEY with the value of your local $KEY; never printed, repeatable
          --dry-run             print the exact requests, change nothing
          --api-key KEY         default $RUNPOD_API_KEY;  --api-url URL  default https://rest.runpod.io/v1
        """;

    public const string DestroyUsage = """
        usage: quarry destroy --name NAME [--keep-template] [--dry-run] [--api-key KEY] [--api-url URL]

        Scales endpoint NAME to zero workers, deletes it, then deletes NAME-template.
        """;

    private static readonly HashSet<string> Valued = ["--name", "--image", "--gpu", "--workers-min", "--workers-max", "--idle-timeout", "--execution-timeout", "--disk", "--env", "--secret", "--api-key", "--api-url"];
    private static readonly HashSet<string> Flags = ["--help", "--dry-run", "--cpu", "--no-flashboot", "--keep-template"];

    public static async Task<int> RunDeployAsync(string[] args, TextWriter stdout, CancellationToken ct)
    {
        var a = new ArgReader(args, new Dictionary<string, string>(), Valued, Flags);
        if (a.Flag("--help"))
        {
            await stdout.WriteLineAsync(DeployUsage);
            return 0;
        }
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in a.GetAll("--env"))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new UsageException($"--env expects KEY=VALUE, got '{pair}'");
            }
            env[pair[..eq]] = pair[(eq + 1)..];
        }
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in a.GetAll("--secret"))
        {
            secrets[key] = Environment.GetEnvironmentVariable(key) ?? throw new UsageException($"--secret {key}: ${key} is not set in your environment");
        }
        var cpu = a.Flag("--cpu");
        var spec = new EndpointSpec
        {
            Name = a.Get("--name") ?? throw new UsageException("--name is required"),
            Image = a.Get("--image") ?? throw new UsageException("--image is required"),
            GpuTypeIds = a.GetAll("--gpu") is { Count: > 0 } gpus ? gpus : ["NVIDIA GeForce RTX 4090"],
            ComputeType = cpu ? "CPU" : "GPU",
            WorkersMin = a.GetInt("--workers-min", 0),
            WorkersMax = a.GetInt("--workers-max", 3),
            IdleTimeoutSeconds = a.GetInt("--idle-timeout", 5),
            ExecutionTimeoutMs = a.GetInt("--execution-timeout", 600) * 1000,
            FlashBoot = !a.Flag("--no-flashboot"),
            ContainerDiskGb = a.GetInt("--disk", 20),
            Env = env,
            Secrets = secrets,
        };
        using var http = new HttpClient();
        var deployer = Deployer(a, http);
        var dryRun = a.Flag("--dry-run");
        var (id, calls) = await deployer.DeployAsync(spec, dryRun, ct);
        foreach (var call in calls)
        {
            await stdout.WriteLineAsync((dryRun ? "would send: " : "sent: ") + call.Describe(spec.Secrets.Keys));
        }
        if (!dryRun)
        {
            await stdout.WriteLineAsync($"endpoint {spec.Name}: {id}  (https://api.runpod.ai/v2/{id}/runsync)");
        }
        return 0;
    }

    public static async Task<int> RunDestroyAsync(string[] args, TextWriter stdout, CancellationToken ct)
    {
        var a = new ArgReader(args, new Dictionary<string, string>(), Valued, Flags);
        if (a.Flag("--help"))
        {
            await stdout.WriteLineAsync(DestroyUsage);
            return 0;
        }
        var name = a.Get("--name") ?? throw new UsageException("--name is required");
        using var http = new HttpClient();
        var dryRun = a.Flag("--dry-run");
        var calls = await Deployer(a, http).DestroyAsync(name, a.Flag("--keep-template"), dryRun, ct);
        foreach (var call in calls)
        {
            await stdout.WriteLineAsync((dryRun ? "would send: " : "sent: ") + call.Describe([]));
        }
        if (calls.Count == 0)
        {
            await stdout.WriteLineAsync($"nothing named {name} to destroy");
        }
        return 0;
    }

    private static RunPodDeployer Deployer(ArgReader a, HttpClient http)
    {
        var key = new[] { a.Get("--api-key"), Environment.GetEnvironmentVariable("RUNPOD_API_KEY") }.FirstOrDefault(k => !string.IsNullOrWhiteSpace(k))
            ?? throw new UsageException("a RunPod API key is required: --api-key or RUNPOD_API_KEY");
        var url = a.Get("--api-url") is { } u ? new Uri(u.EndsWith('/') ? u : u + "/") : RunPodDeployer.DefaultBaseUrl;
        return new RunPodDeployer(http, url, key);
    }
}
