using System.CommandLine;
using Quarry.Client.Deploy;

namespace Quarry.Cli.Commands;

/// <summary><c>quarry deploy</c> / <c>quarry destroy</c>: a Quarry endpoint on RunPod Serverless, through RunPod's REST API.</summary>
public static class DeployCommand
{
    private static readonly Option<string> Name = CliOption.Text("--name", "NAME", "endpoint name (required); its template is NAME-template");
    private static readonly Option<string> Image = CliOption.Text("--image", "IMAGE", "container image (required)");
    private static readonly Option<string[]> Gpu = Repeatable("--gpu", "ID", "GPU type id, repeatable (default \"NVIDIA GeForce RTX 4090\", the 24 GB Ada class)");
    private static readonly Option<bool> Cpu = CliOption.Flag("--cpu", "CPU workers instead of GPUs");
    private static readonly Option<int> WorkersMin = CliOption.Int("--workers-min", "N", "fewest workers", 0);
    private static readonly Option<int> WorkersMax = CliOption.Int("--workers-max", "N", "most workers", 3);
    private static readonly Option<int> IdleTimeout = CliOption.Int("--idle-timeout", "S", "seconds a worker idles before it stops", 5);
    private static readonly Option<int> ExecutionTimeout = CliOption.Int("--execution-timeout", "S", "seconds a job may run", 600);
    private static readonly Option<bool> NoFlashboot = CliOption.Flag("--no-flashboot", "turn FlashBoot off (on by default)");
    private static readonly Option<int> Disk = CliOption.Int("--disk", "GB", "container disk", 20);
    private static readonly Option<string[]> Env = Repeatable("--env", "KEY=VALUE", "environment variable, repeatable (RunPod secret refs like {{ RUNPOD_SECRET_x }} work)");
    private static readonly Option<string[]> Secret = Repeatable("--secret", "KEY", "send KEY with the value of your local $KEY; never printed, repeatable");
    private static readonly Option<bool> DryRun = CliOption.Flag("--dry-run", "print the exact requests, change nothing");
    private static readonly Option<bool> KeepTemplate = CliOption.Flag("--keep-template", "keep NAME-template");
    private static readonly Option<string> ApiKey = CliOption.Text("--api-key", "KEY", "RunPod API key (default $RUNPOD_API_KEY)");
    private static readonly Option<string> ApiUrl = CliOption.Text("--api-url", "URL", $"RunPod REST API (default {RunPodDeployer.DefaultBaseUrl})");

    public static Command CreateDeploy()
    {
        var command = new DocumentedCommand("deploy", "create or update a RunPod endpoint")
        {
            Epilog = "Creates (or updates in place, found by name) a serverless template NAME-template and an endpoint NAME.",
        };
        foreach (var option in new Option[] { Name, Image, Gpu, Cpu, WorkersMin, WorkersMax, IdleTimeout, ExecutionTimeout, NoFlashboot, Disk, Env, Secret, DryRun, ApiKey, ApiUrl })
        {
            command.Add(option);
        }
        command.SetAction(RunDeployAsync);
        return command;
    }

    public static Command CreateDestroy()
    {
        var command = new DocumentedCommand("destroy", "delete a RunPod endpoint and its template")
        {
            Epilog = "Scales endpoint NAME to zero workers, deletes it, then deletes NAME-template.",
        };
        foreach (var option in new Option[] { Name, KeepTemplate, DryRun, ApiKey, ApiUrl })
        {
            command.Add(option);
        }
        command.SetAction(RunDestroyAsync);
        return command;
    }

    /// <summary>An option given once per value (<c>--env A=1 --env B=2</c>), as the old reader took it.</summary>
    private static Option<string[]> Repeatable(string name, string helpName, string description) => new(name)
    {
        Description = description,
        HelpName = helpName,
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    private static async Task<int> RunDeployAsync(ParseResult a, CancellationToken ct)
    {
        var stdout = a.InvocationConfiguration.Output;
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in a.GetValue(Env) ?? [])
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new UsageException($"--env expects KEY=VALUE, got '{pair}'");
            }
            env[pair[..eq]] = pair[(eq + 1)..];
        }
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in a.GetValue(Secret) ?? [])
        {
            secrets[key] = Environment.GetEnvironmentVariable(key) ?? throw new UsageException($"--secret {key}: ${key} is not set in your environment");
        }
        var cpu = a.GetValue(Cpu);
        var spec = new EndpointSpec
        {
            Name = a.GetValue(Name) ?? throw new UsageException("--name is required"),
            Image = a.GetValue(Image) ?? throw new UsageException("--image is required"),
            GpuTypeIds = a.GetValue(Gpu) is { Length: > 0 } gpus ? gpus : ["NVIDIA GeForce RTX 4090"],
            ComputeType = cpu ? "CPU" : "GPU",
            WorkersMin = a.GetValue(WorkersMin),
            WorkersMax = a.GetValue(WorkersMax),
            IdleTimeoutSeconds = a.GetValue(IdleTimeout),
            ExecutionTimeoutMs = a.GetValue(ExecutionTimeout) * 1000,
            FlashBoot = !a.GetValue(NoFlashboot),
            ContainerDiskGb = a.GetValue(Disk),
            Env = env,
            Secrets = secrets,
        };
        using var http = new HttpClient();
        var deployer = Deployer(a, http);
        var dryRun = a.GetValue(DryRun);
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

    private static async Task<int> RunDestroyAsync(ParseResult a, CancellationToken ct)
    {
        var stdout = a.InvocationConfiguration.Output;
        var name = a.GetValue(Name) ?? throw new UsageException("--name is required");
        using var http = new HttpClient();
        var dryRun = a.GetValue(DryRun);
        var calls = await Deployer(a, http).DestroyAsync(name, a.GetValue(KeepTemplate), dryRun, ct);
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

    private static RunPodDeployer Deployer(ParseResult a, HttpClient http)
    {
        var key = new[] { a.GetValue(ApiKey), Environment.GetEnvironmentVariable("RUNPOD_API_KEY") }.FirstOrDefault(k => !string.IsNullOrWhiteSpace(k))
            ?? throw new UsageException("a RunPod API key is required: --api-key or RUNPOD_API_KEY");
        var url = a.GetValue(ApiUrl) is { } u ? new Uri(u.EndsWith('/') ? u : u + "/") : RunPodDeployer.DefaultBaseUrl;
        return new RunPodDeployer(http, url, key);
    }
}
