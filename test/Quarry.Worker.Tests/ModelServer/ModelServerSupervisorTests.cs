using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Quarry.ModelStandIn;
using Quarry.Worker.ModelServer;
using Quarry.Worker.Telemetry;

namespace Quarry.Worker.Tests.ModelServer;

/// <summary>The supervisor with the real stand-in as its child process (<c>dotnet Quarry.ModelStandIn.dll --port N</c>).</summary>
public sealed class ModelServerSupervisorTests : IDisposable
{
    private readonly StringWriter _output = new();
    private readonly ILoggerFactory _logging;

    public ModelServerSupervisorTests() =>
        _logging = LoggerFactory.Create(b => b.AddProvider(new JobLogLoggerProvider(new JobLog(_output, json: false))));

    public void Dispose()
    {
        _logging.Dispose();
        _output.Dispose();
    }

    private string Log => _output.ToString();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private ModelServerSupervisor Supervisor(string standInArgs, int maxRestarts = 3)
    {
        var port = FreePort();
        var dll = typeof(StandInServer).Assembly.Location;
        return new ModelServerSupervisor(new ModelServerOptions
        {
            Command = $"dotnet {dll} --port {port} {standInArgs}",
            Url = $"http://127.0.0.1:{port}",
            PollInterval = TimeSpan.FromMilliseconds(100),
            StartTimeout = TimeSpan.FromSeconds(60),
            BackoffBase = TimeSpan.FromMilliseconds(300),
            BackoffMax = TimeSpan.FromSeconds(2),
            MaxRestarts = maxRestarts,
            LivenessInterval = TimeSpan.FromMilliseconds(200),
            StopGrace = TimeSpan.FromSeconds(10),
        }, _logging.CreateLogger<ModelServerSupervisor>());
    }

    private static bool Alive(int pid) => Directory.Exists($"/proc/{pid}");

    [Fact]
    public async Task Waits_for_health_before_opening_the_gate_and_stops_the_server_on_shutdown()
    {
        var supervisor = Supervisor("--startup-delay 1.5");
        supervisor.Start();
        using (var early = new CancellationTokenSource(TimeSpan.FromMilliseconds(800)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => supervisor.WaitOpenAsync(early.Token));
        }
        Assert.Equal(ModelServerState.Starting, supervisor.State);
        await supervisor.WaitReadyAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        Assert.Equal(ModelServerState.Healthy, supervisor.State);
        using var http = new HttpClient();
        Assert.Contains("MinerU2.5", await http.GetStringAsync(supervisor.Url + "/v1/models"), StringComparison.Ordinal);
        var pid = supervisor.ProcessId!.Value;
        Assert.True(Alive(pid));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await supervisor.DisposeAsync();
        Assert.False(Alive(pid), "the server process outlived the supervisor");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"SIGTERM should stop the stand-in well within the grace period; took {clock.Elapsed}");
        Assert.Equal(ModelServerState.Stopped, supervisor.State);
        Assert.Contains("model server stdout:", Log, StringComparison.Ordinal); // the server's own output, relayed
        Assert.Contains("model server ready", Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_killed_server_is_restarted_after_a_backoff_and_the_gate_reopens()
    {
        await using var supervisor = Supervisor("");
        supervisor.Start();
        await supervisor.WaitReadyAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        var first = supervisor.ProcessId!.Value;

        System.Diagnostics.Process.GetProcessById(first).Kill(); // SIGKILL: a crash, not a shutdown
        await WaitUntil(() => supervisor.State != ModelServerState.Healthy);
        using (var closed = new CancellationTokenSource(TimeSpan.FromMilliseconds(200)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => supervisor.WaitOpenAsync(closed.Token)); // no jobs while it restarts
        }
        await supervisor.WaitReadyAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        Assert.NotEqual(first, supervisor.ProcessId);
        Assert.Equal(2, supervisor.Starts);
        Assert.False(Alive(first));
        Assert.Contains("restarting in", Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Crashes_in_a_row_make_it_give_up_and_the_gate_stay_shut()
    {
        await using var supervisor = Supervisor("--exit-after 0.3", maxRestarts: 2);
        supervisor.Start();
        var open = await supervisor.WaitOpenAsync(new CancellationTokenSource(TimeSpan.FromSeconds(90)).Token);
        while (open)
        {
            // It may be healthy for a moment before each crash: wait for the verdict.
            await supervisor.NextChangeAsync().WaitAsync(TimeSpan.FromSeconds(90));
            open = supervisor.State is not (ModelServerState.Failed or ModelServerState.Stopped);
        }
        Assert.Equal(ModelServerState.Failed, supervisor.State);
        Assert.Equal(3, supervisor.Starts); // the first start and two restarts
        Assert.False(await supervisor.WaitOpenAsync(CancellationToken.None));
        await Assert.ThrowsAsync<ModelServerUnavailableException>(() => supervisor.WaitReadyAsync(CancellationToken.None));
        Assert.Null(supervisor.ProcessId);
        Assert.Contains("gave up after 3 crashes in a row", Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_runpod_worker_takes_no_job_from_a_server_that_was_given_up_on_and_stops_unhealthy()
    {
        await using var runpod = await Quarry.Worker.Tests.RunPod.FakeRunPod.StartAsync();
        runpod.Enqueue("job-1", new { file_b64 = "JVBERi0=", transport = "inline" });
        // Never healthy (503 everywhere, /health included) and then gone: the gate must never open.
        await using var supervisor = Supervisor("--dead-seconds 3600 --exit-after 0.5", maxRestarts: 1);
        supervisor.Start();
        var options = new Quarry.Worker.Configuration.WorkerOptions();
        using var services = new Quarry.Worker.Pipeline.WorkerServices(options, JobLog.Null);
        using var worker = new Quarry.Worker.RunPod.RunPodWorker(Quarry.Worker.RunPod.RunPodSettings.From(runpod.Environment(pingMs: 100)), options, services.Handler, JobLog.Null, gate: supervisor);
        await worker.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60)); // returns by itself
        Assert.True(worker.Unhealthy);
        Assert.Equal(ModelServerState.Failed, supervisor.State);
        Assert.Empty(runpod.Takes);
    }

    [Fact]
    public void Options_come_from_the_environment_and_the_url_from_the_commands_port()
    {
        Assert.Null(ModelServerOptions.FromVariables(new Dictionary<string, string> { ["QUARRY_VLM_SERVER_URL"] = "http://gpu:30000" }));
        var o = ModelServerOptions.FromVariables(new Dictionary<string, string>
        {
            ["QUARRY_VLM_SERVER_COMMAND"] = "vllm serve /models/MinerU2.5 --port 30000 --logits-processors mineru_vl_utils:MinerULogitsProcessor",
            ["QUARRY_VLM_SERVER_MAX_RESTARTS"] = "7",
            ["QUARRY_VLM_SERVER_START_TIMEOUT_SECONDS"] = "120",
        })!;
        Assert.Equal("http://127.0.0.1:30000", o.Url);
        Assert.Equal(7, o.MaxRestarts);
        Assert.Equal(TimeSpan.FromSeconds(120), o.StartTimeout);
    }

    [Fact]
    public void Warmup_goes_through_the_model_only_with_a_server_and_a_vlm_engine()
    {
        using var log = new StringWriter();
        var jobLog = new JobLog(log, json: false);
        Assert.Equal("txt", Quarry.Worker.Warmup.Warmup.EngineFor(false, ["txt", "vlm"], jobLog));
        Assert.Equal("vlm", Quarry.Worker.Warmup.Warmup.EngineFor(true, ["txt", "vlm"], jobLog));
        Assert.Equal("txt", Quarry.Worker.Warmup.Warmup.EngineFor(true, ["txt", "auto", "ocr"], jobLog));
        Assert.Contains("no vlm engine", log.ToString(), StringComparison.Ordinal);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 300 && !condition(); i++)
        {
            await Task.Delay(50);
        }
        Assert.True(condition());
    }
}
