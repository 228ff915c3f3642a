using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Quarry.Parsing.Readers.Ocr;
using Quarry.Parsing.Readers.Ocr.Graph;

namespace Quarry.Parsing.Tests.Readers.Ocr.Graph;

/// <summary>The installed OCR models, folded before loading, compute what the files as shipped compute.</summary>
public class ModelFoldingTests
{
    [Theory]
    [InlineData("ch_PP-OCRv4_rec_infer.onnx", 2, 48, 640)]
    [InlineData("ch_PP-OCRv4_det_infer.onnx", 1, 160, 320)]
    [InlineData("ch_ppocr_mobile_v2.0_cls_infer.onnx", 1, 48, 192)]
    public void A_folded_model_gives_the_same_outputs(string file, int batch, int height, int width)
    {
        var path = Path.Combine(OcrModels.Locate() ?? throw new InvalidOperationException("OCR models not installed"), file);
        using var options = new OcrThreading().ToSessionOptions();
        using var shipped = new InferenceSession(path, options);
        var (folded, rewrites) = ModelFolding.Fold(path);
        using var rewritten = new InferenceSession(folded, options);

        Assert.True(rewrites > 0, "the PP-OCR export's affine and hard-swish patterns are found");
        var input = new DenseTensor<float>([batch, 3, height, width]);
        var random = new Random(7);
        for (var i = 0; i < input.Length; i++)
        {
            input.Buffer.Span[i] = (float)((random.NextDouble() * 2) - 1);
        }
        using var expected = shipped.Run([NamedOnnxValue.CreateFromTensor(shipped.InputNames[0], input)]);
        using var actual = rewritten.Run([NamedOnnxValue.CreateFromTensor(rewritten.InputNames[0], input)]);
        var e = expected[0].AsTensor<float>().ToArray();
        var a = actual[0].AsTensor<float>().ToArray();
        Assert.Equal(e.Length, a.Length);
        Assert.All(Enumerable.Range(0, e.Length), i => Assert.True(Math.Abs(e[i] - a[i]) <= 1e-4f, $"output {i}: {e[i]} vs {a[i]}"));
    }

    [Fact]
    public void The_recogniser_loses_the_elementwise_passes_around_its_convolutions()
    {
        var path = Path.Combine(OcrModels.Locate() ?? throw new InvalidOperationException("OCR models not installed"), "ch_PP-OCRv4_rec_infer.onnx");
        var shipped = Onnx.ModelProto.Parser.ParseFrom(File.ReadAllBytes(path)).Graph.Node;
        var folded = Onnx.ModelProto.Parser.ParseFrom(ModelFolding.Fold(path).Model).Graph.Node;
        int Count(IEnumerable<Onnx.NodeProto> nodes, string op) => nodes.Count(n => n.OpType == op);

        // The 28 hard-swishes become one HardSigmoid each (their Clip and Div gone), the affine blocks' scalar
        // Mul/Add pairs (two after every conv) go into convs: 214 Mul and Add nodes as shipped, 74 folded.
        Assert.Equal(0, Count(folded, "Clip"));
        Assert.Equal(Count(shipped, "HardSigmoid") + Count(shipped, "Clip"), Count(folded, "HardSigmoid"));
        Assert.Equal(Count(shipped, "Div") - Count(shipped, "Clip"), Count(folded, "Div"));
        Assert.True(Count(folded, "Mul") + Count(folded, "Add") < (Count(shipped, "Mul") + Count(shipped, "Add")) / 2);
        Assert.True(Count(folded, "Conv") >= Count(shipped, "Conv"));
    }
}
