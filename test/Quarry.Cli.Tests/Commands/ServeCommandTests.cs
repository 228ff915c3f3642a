using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Quarry.Tests.Shared;

namespace Quarry.Cli.Tests.Commands;

public sealed class ServeCommandTests
{
    [Fact]
    public async Task A_port_in_use_is_one_clear_line_and_exit_code_2()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var (code, _, err) = await Cli.Run("serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(2, code);
        Assert.Equal($"error: cannot listen on http://127.0.0.1:{port}: the address is already in use (pick another --port, or --port 0 for a free one)", err.Trim());
    }

    [Fact]
    public async Task Sigterm_drains_jobs_accepted_through_run_keeps_results_fetchable_and_exits_0()
    {
        await using var files = await SlowFileHost.StartAsync();
        using var server = StartServe();
        var baseUrl = await ListeningUrl(server);
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var r = await http.PostAsJsonAsync("/run", new { input = new { file_url = files.Url(ms: 800), transport = "inline", formats = new[] { "markdown" } } });
            ids.Add((await r.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());
        }

        Terminate(server);
        await Task.Delay(300);
        using (var refused = await http.PostAsJsonAsync("/run", new { input = new { file_url = files.Url(ms: 0) } }))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        }
        foreach (var id in ids)
        {
            JsonObject status;
            var until = DateTime.UtcNow.AddSeconds(60);
            do
            {
                await Task.Delay(100);
                status = (await http.GetFromJsonAsync<JsonObject>($"/status/{id}"))!;
            }
            while (status["status"]!.GetValue<string>() is "IN_QUEUE" or "IN_PROGRESS" && DateTime.UtcNow < until);
            Assert.Equal("COMPLETED", status["status"]!.GetValue<string>());
        }
        Assert.True(server.WaitForExit(TimeSpan.FromSeconds(30)), "serve did not exit after draining");
        Assert.Equal(0, server.ExitCode);
    }

    private static Process StartServe()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(CliAssembly());
        foreach (var a in new[] { "serve", "--port", "0" })
        {
            start.ArgumentList.Add(a);
        }
        start.Environment["QUARRY_SKIP_WARMUP"] = "1";
        start.Environment["QUARRY_ALLOW_LOCAL_FETCH"] = "1";
        start.Environment["LOG_FORMAT"] = "json";
        return Process.Start(start)!;
    }

    /// <summary>
    /// The CLI as its own project built it (bin/CONFIG/TFM beside its sources): the copy in this test's
    /// folder runs against the test's trimmed dependency set, which lacks some of the CLI's own packages.
    /// </summary>
    private static string CliAssembly()
    {
        var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return Path.Combine(RepoPaths.Root, "src", "Quarry.Cli", "bin", tfm.Parent!.Name, tfm.Name, "quarry.dll");
    }

    private static async Task<string> ListeningUrl(Process server)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await server.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Contains("\"listening\"", StringComparison.Ordinal))
            {
                var url = JsonNode.Parse(line)!["url"]!.GetValue<string>();
                _ = server.StandardOutput.ReadToEndAsync(CancellationToken.None); // keep the pipe drained
                return url;
            }
        }
        throw new InvalidOperationException("serve exited before listening: " + await server.StandardError.ReadToEndAsync(timeout.Token));
    }

    private static void Terminate(Process server)
    {
        using var kill = Process.Start("kill", ["-TERM", server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    /// <summary>A loopback file host answering <c>/slow.pdf?ms=N</c> with a sample PDF after N ms.</summary>
    private sealed class SlowFileHost(WebApplication app) : IAsyncDisposable
    {
        public static async Task<SlowFileHost> StartAsync()
        {
            var pdf = await File.ReadAllBytesAsync(RepoPaths.Sample("report.pdf"));
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            app.MapGet("/slow.pdf", async (HttpContext ctx, int ms) =>
            {
                await Task.Delay(ms, ctx.RequestAborted);
                return Results.Bytes(pdf, "application/pdf");
            });
            await app.StartAsync();
            return new SlowFileHost(app);
        }

        public string Url(int ms) => $"{app.Urls.First()}/slow.pdf?ms={ms}";

        public ValueTask DisposeAsync() => app.DisposeAsync();
    }
}
