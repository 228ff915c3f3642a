using Quarry.Cli.Commands;

namespace Quarry.Cli.Tests.Commands;

/// <summary><see cref="ModelArgs"/>: which model server, model and effort <c>--engine vlm|hybrid</c> gets, from flags then environment.</summary>
public class ModelArgsTests
{
    private static readonly Dictionary<string, string> NoEnv = [];

    private static ModelArgs? Resolve(string engine, string? url = null, string? model = null, string? effort = null, Dictionary<string, string>? env = null) =>
        ModelArgs.Resolve(engine, url, model, effort, name => (env ?? NoEnv).GetValueOrDefault(name));

    [Theory]
    [InlineData("vlm")]
    [InlineData("hybrid")]
    public void A_model_engine_without_a_server_says_where_to_give_one(string engine)
    {
        var ex = Assert.Throws<UsageException>(() => Resolve(engine, env: new() { ["QUARRY_VLM_SERVER_URL"] = "  " }));
        Assert.Equal($"--engine {engine} needs a model server: --vlm-url URL or QUARRY_VLM_SERVER_URL", ex.Message);
    }

    [Fact]
    public void The_flag_wins_over_the_environment_and_the_environment_fills_in()
    {
        var env = new Dictionary<string, string> { ["QUARRY_VLM_SERVER_URL"] = "http://env-host:30000", ["QUARRY_VLM_MODEL"] = "env-model" };
        Assert.Equal(new ModelArgs("http://flag-host:8000/", "flag-model", null), Resolve("vlm", "http://flag-host:8000/", "flag-model", env: env));
        Assert.Equal(new ModelArgs("http://env-host:30000", "env-model", null), Resolve("vlm", env: env));
    }

    [Fact]
    public void Without_a_model_id_the_server_picks_its_only_model() =>
        Assert.Null(Resolve("vlm", "http://127.0.0.1:30000")!.Model);

    [Fact]
    public void Hybrid_effort_defaults_to_medium_and_keeps_high()
    {
        Assert.Equal("medium", Resolve("hybrid", "http://127.0.0.1:30000")!.Effort);
        Assert.Equal("high", Resolve("hybrid", "http://127.0.0.1:30000", effort: "high")!.Effort);
    }

    [Theory]
    [InlineData("vlm")]
    [InlineData("auto")]
    [InlineData("txt")]
    public void Effort_is_for_hybrid_only(string engine)
    {
        var ex = Assert.Throws<UsageException>(() => Resolve(engine, engine == "vlm" ? "http://127.0.0.1:1" : null, effort: "high"));
        Assert.StartsWith("--effort applies to --engine hybrid only", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://host/")]
    [InlineData("host:30000")]
    [InlineData("not a url")]
    [InlineData("/v1/models")]
    public void A_malformed_url_is_refused_naming_where_it_came_from(string url)
    {
        var flag = Assert.Throws<UsageException>(() => Resolve("vlm", url));
        Assert.Equal($"--vlm-url '{url}' is not a model server URL: expected http(s)://host[:port]", flag.Message);
        var env = Assert.Throws<UsageException>(() => Resolve("hybrid", env: new() { ["QUARRY_VLM_SERVER_URL"] = url }));
        Assert.StartsWith($"QUARRY_VLM_SERVER_URL '{url}'", env.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_engines_ignore_the_environment_but_refuse_the_flags()
    {
        Assert.Null(Resolve("auto", env: new() { ["QUARRY_VLM_SERVER_URL"] = "http://127.0.0.1:30000" }));
        var ex = Assert.Throws<UsageException>(() => Resolve("txt", model: "m"));
        Assert.StartsWith("--vlm-url and --vlm-model apply to --engine vlm or hybrid only", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_reader_options_take_the_flags_over_the_environment()
    {
        var options = new ModelArgs("http://127.0.0.1:30000/", "m1", null).ToVlmOptions();
        Assert.Equal("http://127.0.0.1:30000/", options.ServerUrl);
        Assert.Equal("m1", options.Model);
        Assert.Equal("http://127.0.0.1:30000", options.BaseUrl);
    }
}
