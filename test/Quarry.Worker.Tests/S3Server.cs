using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Quarry.Tests.Shared;
using Quarry.Worker.Configuration;

namespace Quarry.Worker.Tests;

/// <summary>
/// A real S3-compatible server (the s3rver npm package, installed by test.sh into test/tools) on a free
/// loopback port with a fresh bucket, for as long as a test class needs it.
/// </summary>
public sealed class S3Server : IAsyncLifetime
{
    private Process? _process;
    private string _directory = "";

    public BucketOptions Bucket { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var bin = Path.Combine(RepoPaths.Root, "test", "tools", "node_modules", "s3rver", "bin", "s3rver.js");
        if (!File.Exists(bin))
        {
            throw new InvalidOperationException($"s3rver is not installed at {bin}; run ./test.sh (it installs test/tools with npm)");
        }
        _directory = Directory.CreateTempSubdirectory("quarry-s3-").FullName;
        var port = FreePort();
        var psi = new ProcessStartInfo("node", [bin, "--directory", _directory, "--address", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--configure-bucket", "quarry", "--silent"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _process = Process.Start(psi)!;
        var url = $"http://127.0.0.1:{port}";
        using var http = new HttpClient();
        for (var i = 0; ; i++)
        {
            try
            {
                using var r = await http.GetAsync(url);
                break;
            }
            catch (HttpRequestException) when (i < 100 && !_process.HasExited)
            {
                await Task.Delay(100);
            }
        }
        // s3rver's fixed development credentials.
        Bucket = new BucketOptions(url, "quarry", "S3RVER", "S3RVER") { Prefix = "results", PresignTtlSeconds = 600 };
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        _process?.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
        return Task.CompletedTask;
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
