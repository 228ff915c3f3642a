using Quarry.Parsing.Errors;
using Quarry.Worker.Configuration;
using Quarry.Worker.Jobs;

namespace Quarry.Worker.Tests.Jobs;

public sealed class ModelRouteTests
{
    private static JobRequest Job(string backend, string? serverUrl = null, string method = "auto", string? effort = null) =>
        new() { Kind = InputKind.Base64, Source = "x", Backend = backend, ServerUrl = serverUrl, ParseMethod = method, Effort = effort };

    [Theory]
    [InlineData("auto")]
    [InlineData("txt")]
    [InlineData("ocr")]
    public void Pipeline_runs_the_parse_method_and_needs_no_server(string method)
    {
        var route = ModelRoute.Resolve(Job("pipeline", method: method), new WorkerOptions { VlmServerUrl = "http://127.0.0.1:30000" });
        Assert.Equal(method, route.Engine);
        Assert.False(route.NeedsModel);
    }

    [Theory]
    [InlineData("vlm-engine", "vlm")]
    [InlineData("vlm-auto-engine", "vlm")]
    [InlineData("hybrid-engine", "hybrid")]
    [InlineData("hybrid-auto-engine", "hybrid")]
    public void MinerU_engine_backends_use_the_endpoint_server_even_when_the_job_names_one(string backend, string engine)
    {
        var route = ModelRoute.Resolve(Job(backend, "http://10.9.9.9:1/"), new WorkerOptions { VlmServerUrl = "http://127.0.0.1:30000" });
        Assert.Equal(engine, route.Engine);
        Assert.Equal("http://127.0.0.1:30000", route.ServerUrl);
        Assert.Equal("medium", route.Effort);
    }

    [Fact]
    public void Http_client_backend_uses_the_job_server_and_effort()
    {
        var route = ModelRoute.Resolve(Job("hybrid-http-client", "http://vllm.internal:30000", effort: "high"), new WorkerOptions { VlmServerUrl = "http://127.0.0.1:1" });
        Assert.Equal(("hybrid", "http://vllm.internal:30000", "high"), (route.Engine, route.ServerUrl, route.Effort));
    }

    [Fact]
    public void Http_client_backend_falls_back_to_the_endpoint_server()
    {
        var route = ModelRoute.Resolve(Job("vlm-http-client"), new WorkerOptions { VlmServerUrl = "http://127.0.0.1:30000" });
        Assert.Equal("http://127.0.0.1:30000", route.ServerUrl);
    }

    [Theory]
    [InlineData("vlm-engine", "backend")]
    [InlineData("vlm-http-client", "server_url")]
    public void No_server_anywhere_is_a_clear_invalid_input(string backend, string field)
    {
        var ex = Assert.Throws<JobException>(() => ModelRoute.Resolve(Job(backend), new WorkerOptions()));
        Assert.Equal(ErrorCode.InvalidInput, ex.Code);
        Assert.Equal(field, ex.Field);
        Assert.Contains("QUARRY_VLM_SERVER_URL", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://vllm.internal:30000", true)]
    [InlineData("http://VLLM.internal:30000/v1", true)]
    [InlineData("http://other.internal:30000", false)]
    [InlineData("http://10.0.0.5:8000", true)]
    [InlineData("http://10.0.0.5:9000", false)]
    public void A_non_empty_allow_list_admits_only_its_hosts(string url, bool allowed)
    {
        var options = new WorkerOptions { AllowedServerHosts = ["vllm.internal", "10.0.0.5:8000"] };
        var resolve = () => ModelRoute.Resolve(Job("vlm-http-client", url), options);
        if (allowed)
        {
            Assert.Equal(url, resolve().ServerUrl);
        }
        else
        {
            Assert.Equal("server_url", Assert.Throws<JobException>(resolve).Field);
        }
    }

    [Fact]
    public void Enforcement_with_an_empty_list_refuses_every_job_server()
    {
        var ex = Assert.Throws<JobException>(() => ModelRoute.Resolve(Job("vlm-http-client", "http://127.0.0.1:30000"), new WorkerOptions { EnforceServerHosts = true }));
        Assert.Contains("allow-list", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://169.254.169.254/")]
    [InlineData("http://[fe80::1]:8000/")]
    [InlineData("http://[fd00:ec2::254]/")]
    [InlineData("http://[::ffff:169.254.169.254]/")]
    [InlineData("ftp://127.0.0.1/")]
    [InlineData("not a url")]
    public void Link_local_and_non_http_servers_are_refused_before_any_connection(string url)
    {
        var ex = Assert.Throws<JobException>(() => ModelRoute.Resolve(Job("vlm-http-client", url), new WorkerOptions()));
        Assert.Equal(ErrorCode.InvalidInput, ex.Code);
        Assert.Equal("server_url", ex.Field);
    }
}
