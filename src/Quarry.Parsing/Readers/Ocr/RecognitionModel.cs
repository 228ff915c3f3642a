using Microsoft.ML.OnnxRuntime;
using Quarry.Parsing.Readers.Ocr.Graph;

namespace Quarry.Parsing.Readers.Ocr;

/// <summary>A language's recognition model (ONNX session) and its dictionary, loaded from the models folder.</summary>
public sealed class RecognitionModel : IDisposable
{
    internal RecognitionModel(string dir, OcrLanguage language, SessionOptions options, bool int8)
    {
        Language = language;
        Session = ModelFolding.OpenRecognizer(Path.Combine(dir, language.RecognizerFile), options, int8);
        // Index 0 is CTC's blank; the last class is the space PaddleOCR appends (use_space_char).
        Dictionary = [.. File.ReadAllLines(Path.Combine(dir, language.DictionaryFile)), " "];
        OcrModels.Warm(Session, 48, 64);
    }

    public OcrLanguage Language { get; }
    public InferenceSession Session { get; }
    public IReadOnlyList<string> Dictionary { get; }

    public void Dispose() => Session.Dispose();
}
