using System.Text.Json;
using System.Text.RegularExpressions;
using Quarry.Parsing.Errors;
using Quarry.Parsing.Readers.Ocr;

namespace Quarry.Worker.Jobs;

/// <summary>
/// Validates a job's <c>input</c> object against the contract: exactly one source, known fields only, typed
/// values, sane ranges. Every rejection names the field at fault.
/// </summary>
public static partial class JobRequestParser
{
    public static readonly IReadOnlySet<string> AllFormats = new HashSet<string>(["markdown", "content_list", "middle", "images"], StringComparer.Ordinal);

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "file_url", "file_b64", "volume_path", "basename", "backend", "parse_method", "server_url", "effort", "lang",
        "start_page", "end_page", "formula_enable", "table_enable", "transport", "return", "formats", "archive_format", "probe",
    };

    private static readonly string[] Backends = ["pipeline", "vlm-http-client", "hybrid-http-client", "vlm-engine", "hybrid-engine", "vlm-auto-engine", "hybrid-auto-engine"];

    // \z, not $: in .NET '$' also matches before a final '\n', which let "x\n" through.
    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,128}\z")]
    private static partial Regex BasenamePattern();

    /// <summary>
    /// <c>probe: true</c> asks for the worker's layout instead of a parse; like mineru-runpod, the other fields
    /// are then ignored (a probe has no source). <c>probe: false</c> is an ordinary job.
    /// </summary>
    public static bool IsProbe(JsonElement input) =>
        input.ValueKind == JsonValueKind.Object && (Bool(input, "probe") ?? false);

    public static JobRequest Parse(JsonElement input)
    {
        if (input.ValueKind != JsonValueKind.Object)
        {
            throw JobException.Invalid("input", "input must be a JSON object");
        }
        var unknown = input.EnumerateObject().Select(p => p.Name).Where(n => !Known.Contains(n)).ToList();
        if (unknown.Count > 0)
        {
            throw JobException.Invalid(unknown[0], $"unknown field(s): {string.Join(", ", unknown)}; accepted: {string.Join(", ", Known.Order(StringComparer.Ordinal))}");
        }
        var sources = new[] { "file_url", "file_b64", "volume_path" }.Where(n => input.TryGetProperty(n, out var v) && v.ValueKind != JsonValueKind.Null).ToList();
        if (sources.Count != 1)
        {
            throw JobException.Invalid(sources.Count == 0 ? "file_url" : sources[1],
                sources.Count == 0 ? "one of file_url, file_b64 or volume_path is required" : $"give exactly one of file_url, file_b64, volume_path (got {string.Join(" and ", sources)})");
        }
        var kind = sources[0] switch
        {
            "file_url" => InputKind.Url,
            "file_b64" => InputKind.Base64,
            _ => InputKind.Volume,
        };
        var source = String(input, sources[0]) ?? "";
        if (source.Length == 0)
        {
            throw JobException.Invalid(sources[0], $"{sources[0]} is empty");
        }
        if (kind == InputKind.Url && !(Uri.TryCreate(source, UriKind.Absolute, out var u) && u.Scheme is "http" or "https"))
        {
            throw JobException.Invalid("file_url", "file_url must be an absolute http(s) URL");
        }
        var basename = String(input, "basename") ?? "doc";
        if (!BasenamePattern().IsMatch(basename))
        {
            throw JobException.Invalid("basename", "basename may hold letters, digits, '-' and '_' only, 1–128 characters");
        }
        var backend = String(input, "backend") ?? "pipeline";
        if (!Backends.Contains(backend))
        {
            throw JobException.Invalid("backend", $"unknown backend '{backend}'; expected one of {string.Join(", ", Backends)}");
        }
        var method = OneOf(input, "parse_method", "auto", ["auto", "txt", "ocr"]);
        var effort = String(input, "effort");
        if (effort is not null && effort is not ("medium" or "high"))
        {
            throw JobException.Invalid("effort", "effort must be medium or high");
        }
        var start = Int(input, "start_page") ?? 0;
        var end = Int(input, "end_page") ?? -1;
        if (start < 0)
        {
            throw JobException.Invalid("start_page", "start_page must be 0 or more");
        }
        if (end >= 0 && end < start)
        {
            throw JobException.Invalid("end_page", "end_page must be ≥ start_page, or negative for the last page");
        }
        if (input.TryGetProperty("transport", out _) && input.TryGetProperty("return", out _))
        {
            throw JobException.Invalid("return", "give transport or its older name return, not both");
        }
        var transportField = input.TryGetProperty("return", out _) ? "return" : "transport";
        var transport = OneOf(input, transportField, "tarball_b64", ["inline", "tarball_b64", "s3", "auto"]) switch
        {
            "inline" => Transport.Inline,
            "s3" => Transport.S3,
            "auto" => Transport.Auto,
            _ => Transport.TarballB64,
        };
        var lang = String(input, "lang") ?? "en";
        return new JobRequest
        {
            Kind = kind,
            Source = source,
            Basename = basename,
            Backend = backend,
            ParseMethod = method,
            ServerUrl = String(input, "server_url"),
            Effort = effort,
            Lang = lang,
            OcrLanguage = Language(lang),
            StartPage = start,
            EndPage = end,
            FormulaEnable = Bool(input, "formula_enable") ?? true,
            TableEnable = Bool(input, "table_enable") ?? true,
            Transport = transport,
            Formats = Formats(input),
            ArchiveFormat = OneOf(input, "archive_format", "tar.gz", ["tar.gz", "zip"]),
        };
    }

    private static IReadOnlySet<string> Formats(JsonElement input)
    {
        if (!input.TryGetProperty("formats", out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return AllFormats;
        }
        if (v.ValueKind != JsonValueKind.Array || v.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            throw JobException.Invalid("formats", "formats must be an array of strings");
        }
        var set = v.EnumerateArray().Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal);
        var bad = set.Where(f => !AllFormats.Contains(f)).ToList();
        if (bad.Count > 0 || set.Count == 0)
        {
            throw JobException.Invalid("formats", $"formats must be a non-empty subset of {string.Join(", ", AllFormats)}{(bad.Count > 0 ? $" (unknown: {string.Join(", ", bad)})" : "")}");
        }
        return set;
    }

    private static string OneOf(JsonElement input, string field, string fallback, string[] allowed)
    {
        var v = String(input, field) ?? fallback;
        return allowed.Contains(v) ? v : throw JobException.Invalid(field, $"{field} must be one of {string.Join(", ", allowed)} (got '{v}')");
    }

    private static string? String(JsonElement input, string field)
    {
        if (!input.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return v.ValueKind == JsonValueKind.String ? v.GetString() : throw JobException.Invalid(field, $"{field} must be a string");
    }

    private static int? Int(JsonElement input, string field)
    {
        if (!input.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : throw JobException.Invalid(field, $"{field} must be an integer");
    }

    private static bool? Bool(JsonElement input, string field)
    {
        if (!input.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw JobException.Invalid(field, $"{field} must be true or false"),
        };
    }

    /// <summary>
    /// MinerU's <c>lang</c> as a recognition model: an unknown value, or one whose model this worker has not
    /// installed, fails the job as invalid input (at submit too), never read with another language's model.
    /// </summary>
    private static OcrLanguage Language(string lang)
    {
        try
        {
            return OcrLanguages.Require(lang);
        }
        catch (ParseException ex)
        {
            throw JobException.Invalid("lang", ex.Message);
        }
    }
}
