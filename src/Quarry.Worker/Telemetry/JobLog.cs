using System.Text.Encodings.Web;
using System.Text.Json;

namespace Quarry.Worker.Telemetry;

/// <summary>One JSON object per line on stdout (<c>ts, level, logger, msg, job_id</c> + fields); <c>LOG_FORMAT=text</c> for humans.</summary>
public sealed class JobLog(TextWriter output, bool json, string logger = "quarry")
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly Lock _gate = new();

    public static JobLog Console(string format) => new(System.Console.Out, !string.Equals(format, "text", StringComparison.OrdinalIgnoreCase));

    public static JobLog Null { get; } = new(TextWriter.Null, json: true);

    public void Info(string msg, string? jobId = null, IReadOnlyDictionary<string, object?>? fields = null) => Write("info", msg, jobId, fields);

    public void Warn(string msg, string? jobId = null, IReadOnlyDictionary<string, object?>? fields = null) => Write("warning", msg, jobId, fields);

    public void Error(string msg, string? jobId = null, IReadOnlyDictionary<string, object?>? fields = null) => Write("error", msg, jobId, fields);

    private void Write(string level, string msg, string? jobId, IReadOnlyDictionary<string, object?>? fields)
    {
        string line;
        var ts = DateTimeOffset.UtcNow;
        if (json)
        {
            using var ms = new MemoryStream();
            using (var w = new Utf8JsonWriter(ms, Options))
            {
                w.WriteStartObject();
                w.WriteString("ts", ts.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                w.WriteString("level", level);
                w.WriteString("logger", logger);
                w.WriteString("msg", msg);
                if (jobId is not null)
                {
                    w.WriteString("job_id", jobId);
                }
                foreach (var (k, v) in fields ?? new Dictionary<string, object?>())
                {
                    w.WritePropertyName(k);
                    JsonSerializer.Serialize(w, v);
                }
                w.WriteEndObject();
            }
            line = System.Text.Encoding.UTF8.GetString(ms.ToArray());
        }
        else
        {
            var extra = fields is null ? "" : " " + string.Join(' ', fields.Select(kv => $"{kv.Key}={JsonSerializer.Serialize(kv.Value)}"));
            line = $"{ts:HH:mm:ss} {level,-7} {msg}{(jobId is null ? "" : $" job_id={jobId}")}{extra}";
        }
        lock (_gate)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }
}
