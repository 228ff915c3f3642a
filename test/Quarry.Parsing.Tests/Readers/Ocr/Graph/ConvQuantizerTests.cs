using Quarry.Parsing.Readers.Ocr;
using Quarry.Parsing.Readers.Ocr.Graph;
using Quarry.Parsing.Rasterization;
using Quarry.Tests.Shared;

namespace Quarry.Parsing.Tests.Readers.Ocr.Graph;

/// <summary>
/// The recogniser's convolutions quantised to int8 with the shipped calibration (the <c>QUARRY_OCR_INT8</c>
/// option): the calibration matches the installed model, and the quantised model reads a real scan as the
/// float one does.
/// </summary>
public class ConvQuantizerTests
{
    private static string Models => OcrModels.Locate() ?? throw new InvalidOperationException("OCR models not installed");

    private static string Recognizer => Path.Combine(Models, OcrLanguages.Default.RecognizerFile);

    [Fact]
    public void The_installed_recogniser_has_a_shipped_calibration_for_every_quantised_conv()
    {
        var source = File.ReadAllBytes(Recognizer);
        var ranges = RecognizerCalibration.Shipped(source);

        Assert.NotNull(ranges);
        var folded = Onnx.ModelProto.Parser.ParseFrom(ModelFolding.Fold(source).Model);
        Assert.All(ConvQuantizer.CalibratedTensors(new OnnxGraph(folded.Graph)), t => Assert.True(ranges.ContainsKey(t), t));
        Assert.Null(RecognizerCalibration.Shipped(File.ReadAllBytes(Path.Combine(Models, "ch_ppocr_mobile_v2.0_cls_infer.onnx"))));
    }

    [Fact]
    public void Depthwise_convs_stay_float_and_the_others_get_int8_weights()
    {
        var source = File.ReadAllBytes(Recognizer);
        var model = Onnx.ModelProto.Parser.ParseFrom(ModelFolding.Fold(source).Model);
        var graph = new OnnxGraph(model.Graph);
        var convs = graph.Nodes("Conv").ToList();
        var depthwise = convs.Count(c => graph.Floats(c.Input[1]) is { Dims: [_, 1, _, _] });

        var quantised = ConvQuantizer.Apply(model, RecognizerCalibration.Shipped(source)!);

        Assert.Equal(convs.Count - depthwise, quantised);
        Assert.True(depthwise > 10);
        // Weights: one int8 DequantizeLinear per quantised conv, per output channel (axis 0).
        Assert.Equal(quantised, model.Graph.Node.Count(n => n.OpType == "DequantizeLinear" && n.Attribute.Any(a => a is { Name: "axis", I: 0 }) && IsInt8(model, n.Input[0])));
        Assert.Equal(10, model.OpsetImport.Single(o => o.Domain == "").Version);
        Assert.All(model.Graph.Node.Where(n => n.OpType == "Slice"), s => Assert.Empty(s.Attribute));
    }

    private static bool IsInt8(Onnx.ModelProto model, string name) =>
        model.Graph.Node.FirstOrDefault(n => n.OpType == "Constant" && n.Output[0] == name)?.Attribute[0].T.DataType == (int)Onnx.TensorProto.Types.DataType.Int8;

    /// <summary>Levenshtein distance (one line: short strings).</summary>
    private static int Edits(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var up = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = up;
            }
        }
        return row[b.Length];
    }

    [Fact]
    public void The_int8_recogniser_reads_a_scanned_page_as_the_float_one()
    {
        // A page outside the calibration pages (bench/Quarry.Bench --calibrate-ocr, docs/ocr.md).
        var pdf = File.ReadAllBytes(Path.Combine(RepoPaths.Corpus("scanned"), "report-tables-7-002-scan", "doc.pdf"));
        using var raster = new PdftoppmRasterizer().Open(pdf);
        var page = Assert.Single(raster.Render(0, 0, 200, TimeSpan.FromSeconds(60), CancellationToken.None));
        var crops = new TextDetector(OcrModels.Shared.Detector).Detect(page).Select(b => page.Crop(b.X0, b.Y0, b.X1 - b.X0, b.Y1 - b.Y0)).ToList();
        using var options = new OcrThreading().ToSessionOptions();
        using var floatModel = new RecognitionModel(Models, OcrLanguages.Default, options, int8: false);
        using var int8Model = new RecognitionModel(Models, OcrLanguages.Default, options, int8: true);

        var expected = new TextRecognizer(floatModel).Recognize(crops);
        var actual = new TextRecognizer(int8Model).Recognize(crops);

        Assert.True(crops.Count > 20);
        var same = expected.Zip(actual).Count(p => p.First.Text == p.Second.Text);
        Assert.True(same >= 0.75 * crops.Count, $"{same} of {crops.Count} lines read the same");
        var chars = expected.Sum(e => e.Text.Length);
        var edits = expected.Zip(actual).Sum(p => Edits(p.First.Text, p.Second.Text));
        Assert.True(edits <= 0.025 * chars, $"{edits} edits over {chars} characters");
    }
}
