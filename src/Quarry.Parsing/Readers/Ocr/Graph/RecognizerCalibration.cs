using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Quarry.Parsing.Imaging;

namespace Quarry.Parsing.Readers.Ocr.Graph;

/// <summary>
/// The activation ranges <see cref="ConvQuantizer"/> needs for a recognition model: the smallest and largest
/// value of every quantised conv's input and output over real text-line crops, measured once, offline
/// (<c>Quarry.Bench --calibrate-ocr</c>), and shipped with Quarry as a small table keyed by the SHA-256 of
/// the model file and the folding version (the tensor names are those of the folded graph).
/// </summary>
public static class RecognizerCalibration
{
    private const string ResourceSuffix = ".calibration.json";

    /// <summary>
    /// Measures the table for the recognition model at <paramref name="modelPath"/> on every third line the
    /// detector finds on <paramref name="pages"/> (grey page renders), as the JSON that Quarry ships.
    /// </summary>
    public static string Measure(string modelPath, InferenceSession detector, IEnumerable<GrayImage> pages)
    {
        var source = File.ReadAllBytes(modelPath);
        var model = Onnx.ModelProto.Parser.ParseFrom(ModelFolding.Fold(source).Model);
        var tensors = ConvQuantizer.CalibratedTensors(new OnnxGraph(model.Graph)).ToHashSet();
        foreach (var name in tensors.Where(n => model.Graph.Output.All(o => o.Name != n)))
        {
            model.Graph.Output.Add(new Onnx.ValueInfoProto
            {
                Name = name,
                Type = new Onnx.TypeProto { TensorType = new Onnx.TypeProto.Types.Tensor { ElemType = (int)Onnx.TensorProto.Types.DataType.Float } },
            });
        }
        using var options = new OcrThreading().ToSessionOptions();
        using var session = new InferenceSession(model.ToByteArray(), options);
        var textDetector = new TextDetector(detector);
        var ranges = new SortedDictionary<string, float[]>(StringComparer.Ordinal);
        var crops = 0;
        foreach (var page in pages)
        {
            var boxes = textDetector.Detect(page);
            for (var i = 0; i < boxes.Count; i += 3)
            {
                var box = boxes[i];
                using var outputs = session.Run([NamedOnnxValue.CreateFromTensor(session.InputNames[0], TextRecognizer.Input(page.Crop(box.X0, box.Y0, box.X1 - box.X0, box.Y1 - box.Y0)))]);
                crops++;
                foreach (var output in outputs.Where(o => tensors.Contains(o.Name)))
                {
                    var values = output.AsTensor<float>() is Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float> dense ? dense.Buffer.Span : output.AsTensor<float>().ToArray();
                    var range = ranges.TryGetValue(output.Name, out var r) ? r : ranges[output.Name] = [float.MaxValue, float.MinValue];
                    foreach (var v in values)
                    {
                        range[0] = Math.Min(range[0], v);
                        range[1] = Math.Max(range[1], v);
                    }
                }
            }
        }
        return JsonSerializer.Serialize(new Table(Hash(source), ModelFolding.Version, crops, ranges), new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>The shipped ranges for this model file's bytes, or null when none was measured on it.</summary>
    internal static IReadOnlyDictionary<string, (float Min, float Max)>? Shipped(byte[] source)
    {
        var assembly = typeof(RecognizerCalibration).Assembly;
        var hash = Hash(source);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.EndsWith(ResourceSuffix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            if (JsonSerializer.Deserialize<Table>(stream) is { } table && table.ModelSha256 == hash && table.FoldVersion == ModelFolding.Version)
            {
                return table.Ranges.ToDictionary(r => r.Key, r => (r.Value[0], r.Value[1]));
            }
        }
        return null;
    }

    internal static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private sealed record Table(string ModelSha256, int FoldVersion, int Crops, SortedDictionary<string, float[]> Ranges);
}
