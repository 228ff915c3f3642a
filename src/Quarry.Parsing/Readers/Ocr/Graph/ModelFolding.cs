using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace Quarry.Parsing.Readers.Ocr.Graph;

/// <summary>
/// Exact rewrites of an OCR model's graph before ONNX Runtime loads it, for the elementwise passes that
/// Paddle2ONNX's opset-9 export leaves around every convolution of PP-LCNetV3 (the PP-OCRv4/v5 mobile
/// backbone): scalar affine blocks and hard-swish spelled out op by op. ONNX Runtime fuses none of them, and
/// each made it leave its blocked conv layout and come back. Measured on the recogniser at 1600 columns:
/// the same outputs (within 4e-6) for a third less CPU (docs/ocr.md). A model without the patterns loads as is.
/// </summary>
internal static class ModelFolding
{
    /// <summary>
    /// The rewrites' version, part of <see cref="FoldedModelCache"/>'s keys: raise it whenever a change to the
    /// rewrites changes their output, so the models cached by the previous version are not loaded.
    /// </summary>
    public const int Version = 1;

    /// <summary>A session on the model file, folded (the folded bytes cached across processes).</summary>
    public static InferenceSession Open(string path, SessionOptions options) =>
        new(FoldedModelCache.Default.Get(path, "", bytes => Fold(bytes).Model), options);

    /// <summary>
    /// A session on a recognition model, folded, and with <paramref name="int8"/> its convolutions quantised
    /// (<see cref="ConvQuantizer"/>) when Quarry ships a calibration for that file; otherwise as <see cref="Open(string, SessionOptions)"/>.
    /// </summary>
    public static InferenceSession OpenRecognizer(string path, SessionOptions options, bool int8)
    {
        if (!int8)
        {
            return Open(path, options);
        }
        return new(FoldedModelCache.Default.Get(path, "-int8", bytes =>
        {
            var folded = Fold(bytes).Model;
            if (RecognizerCalibration.Shipped(bytes) is not { } ranges)
            {
                return folded;
            }
            var model = ModelProto.Parser.ParseFrom(folded);
            ConvQuantizer.Apply(model, ranges);
            return model.ToByteArray();
        }), options);
    }

    /// <summary>The model file's bytes with the patterns rewritten, and how many rewrites were made.</summary>
    public static (byte[] Model, int Rewrites) Fold(string path) => Fold(File.ReadAllBytes(path));

    /// <summary>A model's bytes with the patterns rewritten, and how many rewrites were made.</summary>
    public static (byte[] Model, int Rewrites) Fold(byte[] bytes)
    {
        var model = ModelProto.Parser.ParseFrom(bytes);
        var graph = new OnnxGraph(model.Graph);
        var rewrites = ConvAffineFolding.Apply(graph);
        rewrites += HardSwishPattern.Apply(graph);
        // Affine blocks that became foldable once hard-swish was one node, then those in front of padded convs.
        rewrites += ConvAffineFolding.Apply(graph);
        rewrites += ChannelAffine.Apply(graph);
        if (rewrites == 0)
        {
            return (bytes, 0);
        }
        graph.DropUnusedConstants();
        return (model.ToByteArray(), rewrites);
    }
}
