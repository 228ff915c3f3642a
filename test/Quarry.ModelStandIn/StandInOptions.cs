using System.Globalization;
using System.Text.Json.Nodes;

namespace Quarry.ModelStandIn;

/// <summary>What a stand-in serves and how it starts.</summary>
public sealed record StandInOptions
{
    /// <summary>Port on 127.0.0.1; 0 picks a free one (read it back from <see cref="StandInServer.BaseUrl"/>).</summary>
    public int Port { get; init; }

    /// <summary>The PDFs whose pages and blocks the stand-in recognises (truth.json beside each is read when present).</summary>
    public IReadOnlyList<string> Pdfs { get; init; } = [];

    /// <summary>Every request is also appended here, one JSON object a line.</summary>
    public string? RecordFile { get; init; }

    public StandInBehaviour Behaviour { get; init; } = new();

    /// <summary>Time before the port opens, as a vLLM server loading its weights (a supervisor must wait for it).</summary>
    public TimeSpan StartupDelay { get; init; }

    /// <summary>When set, the process exits with status 1 this long after it started listening (a crash, for supervisors).</summary>
    public TimeSpan? ExitAfter { get; init; }

    public const string Usage = """
        usage: Quarry.ModelStandIn --port N [--pdf FILE]... [--record FILE] [--startup-delay S] [--exit-after S]
                                   [--model-id ID] [--api-key KEY] [--latency-ms MS] [--token-latency-ms MS]
                                   [--max-num-seqs N] [--error-status CODE] [--error-rate R] [--error-next N]
                                   [--dead-seconds S] [--dead-mode 503|close] [--repeat-block-type TYPE]
                                   [--repeat-next N] [--repeat-max-tokens N] [--error-shape nested|flat]
        Every --name VALUE past the first four sets the behaviour field name (see POST /_stand-in/config).
        """;

    public static StandInOptions FromArgs(IReadOnlyList<string> args)
    {
        var options = new StandInOptions();
        var pdfs = new List<string>();
        var patch = new JsonObject();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"expected --name VALUE, got '{name}'\n{Usage}");
            }
            var value = args[++i];
            switch (name)
            {
                case "--port":
                    options = options with { Port = int.Parse(value, CultureInfo.InvariantCulture) };
                    break;
                case "--pdf":
                    pdfs.Add(value);
                    break;
                case "--record":
                    options = options with { RecordFile = value };
                    break;
                case "--startup-delay":
                    options = options with { StartupDelay = Seconds(value) };
                    break;
                case "--exit-after":
                    options = options with { ExitAfter = Seconds(value) };
                    break;
                default:
                    // The behaviour's own field names, so the command line and the control endpoint cannot drift apart.
                    patch[name[2..].Replace('-', '_')] = value;
                    break;
            }
        }
        return options with { Pdfs = pdfs, Behaviour = options.Behaviour.With(patch) };
    }

    private static TimeSpan Seconds(string value) => TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture));
}
