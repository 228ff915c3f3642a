using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Quarry.Parsing.Readers.Ocr;
using Quarry.Worker.Configuration;

namespace Quarry.Worker.Pipeline;

/// <summary>
/// The answer to <c>probe: true</c> (mineru-runpod's diagnostic job): where this worker looks for its models
/// and inputs and what it found there, so an operator can check an image or a volume mount without a parse.
/// Secrets never appear: only the settings listed here are echoed.
/// </summary>
internal static class WorkerProbe
{
    // Settings that say where things are; credentials (BUCKET_*_KEY*, RUNPOD_*) are deliberately absent.
    private static readonly string[] EchoedSettings =
    [
        "QUARRY_MODELS_DIR", "QUARRY_VOLUME_ROOTS", "MINERU_VOLUME_ROOTS", "QUARRY_MAX_CONCURRENCY", "MINERU_MAX_CONCURRENCY",
        "QUARRY_MAX_PAGES_PER_JOB", "MINERU_MAX_PAGES_PER_JOB", "QUARRY_OCR_DPI", "QUARRY_MAX_IMAGE_PIXELS", "TMPDIR",
    ];

    public static JsonObject Layout(WorkerOptions options)
    {
        var models = OcrModels.Locate();
        return new JsonObject
        {
            ["models_found"] = models is not null,
            ["models"] = new JsonObject
            {
                ["dir"] = models,
                ["files"] = models is null ? null : new JsonObject(OcrModels.Files.Select(f =>
                    KeyValuePair.Create(f, (JsonNode?)new FileInfo(Path.Combine(models, f)).Length))),
                ["hint"] = models is null ? OcrModels.InstallHint : null,
            },
            ["paths"] = new JsonObject
            {
                ["app"] = AppContext.BaseDirectory,
                ["temp"] = Path.GetTempPath(),
                ["volume_roots"] = new JsonArray([.. options.VolumeRoots.Select(r => (JsonNode)new JsonObject { ["path"] = r, ["exists"] = Directory.Exists(r) })]),
                ["pdftoppm"] = OnPath("pdftoppm"),
            },
            ["env"] = new JsonObject(EchoedSettings
                .Select(n => (Name: n, Value: Environment.GetEnvironmentVariable(n)))
                .Where(e => !string.IsNullOrEmpty(e.Value))
                .Select(e => KeyValuePair.Create(e.Name, (JsonNode?)e.Value))),
            ["versions"] = new JsonObject
            {
                ["quarry"] = Quarry.Core.Model.QuarryVersion.Current,
                ["mineru_format"] = JobHandler.MineruVersion,
                ["dotnet"] = RuntimeInformation.FrameworkDescription,
                ["os"] = RuntimeInformation.OSDescription,
                ["arch"] = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant(),
            },
        };
    }

    private static string? OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists);
}
