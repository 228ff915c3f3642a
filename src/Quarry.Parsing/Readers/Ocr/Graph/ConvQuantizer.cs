using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace Quarry.Parsing.Readers.Ocr.Graph;

/// <summary>
/// Static int8 quantisation of a model's convolutions in QDQ form, for ONNX Runtime to fuse into QLinearConv:
/// each conv's input and output pass through QuantizeLinear → DequantizeLinear (uint8, asymmetric, with the
/// calibrated range of that tensor), its weights are int8 per output channel (symmetric) and its bias int32
/// at the input scale × the weight scale. Q/DQ come from ONNX Runtime's com.microsoft domain, which takes a
/// per-channel axis at any ai.onnx opset (the PP-OCR exports are opset 9). An experiment (docs/ocr.md):
/// not used by default.
/// </summary>
internal static class ConvQuantizer
{
    private const string Domain = "com.microsoft";

    /// <summary>The tensors whose ranges <see cref="Apply"/> needs: every constant-weight conv's input and output.</summary>
    public static IEnumerable<string> CalibratedTensors(OnnxGraph graph) =>
        Quantizable(graph).SelectMany(c => new[] { c.Input[0], c.Output[0] }).Distinct();

    /// <summary>
    /// Convs with constant weights that read more than one channel per output: depthwise convs stay float,
    /// since quantised they made the recogniser no faster (the Q/DQ around each cost what the int8 kernel saved).
    /// </summary>
    private static List<NodeProto> Quantizable(OnnxGraph graph) =>
        [.. graph.Nodes("Conv").Where(c => graph.Floats(c.Input[1]) is { Dims: [_, > 1, _, _] } && (c.Input.Count < 3 || graph.Floats(c.Input[2]) is not null))];

    /// <summary>Quantises every conv whose input and output ranges are known; returns how many.</summary>
    public static int Apply(ModelProto model, IReadOnlyDictionary<string, (float Min, float Max)> ranges)
    {
        var graph = new OnnxGraph(model.Graph);
        if (!model.OpsetImport.Any(o => o.Domain == Domain))
        {
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = Domain, Version = 1 });
        }
        // ONNX Runtime fuses the pattern into ai.onnx QLinearConv, which exists from opset 10; between 9 and
        // 10 only Slice changed among the ops these models use (its ranges moved from attributes to inputs).
        if (model.OpsetImport.FirstOrDefault(o => o.Domain is "" or "ai.onnx") is { Version: < 10 } opset)
        {
            opset.Version = 10;
            foreach (var slice in graph.Nodes("Slice"))
            {
                SliceToOpset10(graph, slice);
            }
        }
        var dequantized = new Dictionary<string, (string Name, float Scale)>();
        var count = 0;
        foreach (var conv in Quantizable(graph))
        {
            if (!ranges.TryGetValue(conv.Input[0], out var inRange) || !ranges.TryGetValue(conv.Output[0], out var outRange))
            {
                continue;
            }
            var (weights, dims) = graph.Floats(conv.Input[1])!.Value;
            var channels = (int)dims[0];
            var perChannel = weights.Length / channels;
            var weightScales = new float[channels];
            var quantized = new sbyte[weights.Length];
            for (var c = 0; c < channels; c++)
            {
                var span = weights.AsSpan(c * perChannel, perChannel);
                var max = 0f;
                foreach (var w in span)
                {
                    max = Math.Max(max, Math.Abs(w));
                }
                weightScales[c] = max > 0 ? max / 127f : 1f;
                for (var i = 0; i < perChannel; i++)
                {
                    quantized[(c * perChannel) + i] = (sbyte)Math.Clamp(MathF.Round(span[i] / weightScales[c]), -127, 127);
                }
            }
            if (!dequantized.TryGetValue(conv.Input[0], out var input))
            {
                input = QuantizeDequantize(graph, conv.Input[0], $"{conv.Input[0]}_dq", inRange);
                dequantized[conv.Input[0]] = input;
            }
            conv.Input[0] = input.Name;
            conv.Input[1] = Dequantize(graph, conv, Int8(graph, quantized, dims), Float(graph, weightScales, [channels]), Int8(graph, new sbyte[channels], [channels]), axis: 0);
            if (conv.Input.Count > 2)
            {
                var bias = graph.Floats(conv.Input[2])!.Value.Values;
                var biasScales = weightScales.Select(s => s * input.Scale).ToArray();
                var q = bias.Select((b, c) => (int)Math.Clamp(Math.Round(b / biasScales[c]), int.MinValue, int.MaxValue)).ToArray();
                conv.Input[2] = Dequantize(graph, conv, Int32(graph, q), Float(graph, biasScales, [channels]), Int32(graph, new int[channels]), axis: 0);
            }
            // The conv writes a new tensor; the Q → DQ pair gives its consumers the old name.
            var output = conv.Output[0];
            conv.Output[0] = $"{output}_f";
            QuantizeDequantize(graph, conv.Output[0], output, outRange, after: conv);
            count++;
        }
        graph.DropUnusedConstants();
        return count;
    }

    private static void SliceToOpset10(OnnxGraph graph, NodeProto slice)
    {
        string Ints(string name) => slice.Attribute.FirstOrDefault(a => a.Name == name) is { } a
            ? graph.AddTensor(TensorProto.Types.DataType.Int64, MemoryMarshal.AsBytes(a.Ints.ToArray().AsSpan()), [a.Ints.Count])
            : "";
        var starts = Ints("starts");
        var ends = Ints("ends");
        var axes = Ints("axes");
        slice.Input.Add(starts);
        slice.Input.Add(ends);
        if (axes.Length > 0)
        {
            slice.Input.Add(axes);
        }
        slice.Attribute.Clear();
    }

    /// <summary>Inserts Q → DQ on <paramref name="tensor"/>, writing <paramref name="name"/>; returns it and its scale.</summary>
    private static (string Name, float Scale) QuantizeDequantize(OnnxGraph graph, string tensor, string name, (float Min, float Max) range, NodeProto? after = null)
    {
        var min = Math.Min(range.Min, 0f);
        var max = Math.Max(range.Max, 0f);
        var scale = max > min ? (max - min) / 255f : 1f;
        var zero = (byte)Math.Clamp(MathF.Round(-min / scale), 0, 255);
        var scaleName = Float(graph, [scale], []);
        var zeroName = UInt8(graph, zero);
        var q = new NodeProto { OpType = "QuantizeLinear", Domain = Domain, Name = $"{name}_q" };
        q.Input.Add(tensor);
        q.Input.Add(scaleName);
        q.Input.Add(zeroName);
        q.Output.Add($"{name}_q");
        var dq = new NodeProto { OpType = "DequantizeLinear", Domain = Domain, Name = $"{name}_dq" };
        dq.Input.Add(q.Output[0]);
        dq.Input.Add(scaleName);
        dq.Input.Add(zeroName);
        dq.Output.Add(name);
        var at = after is null ? AfterProducer(graph, tensor) : graph.Proto.Node.IndexOf(after) + 1;
        graph.Proto.Node.Insert(at, dq);
        graph.Proto.Node.Insert(at, q);
        return (name, scale);
    }

    private static int AfterProducer(OnnxGraph graph, string tensor)
    {
        var producer = graph.Producer(tensor);
        return producer is null ? 0 : graph.Proto.Node.IndexOf(producer) + 1;
    }

    private static string Dequantize(OnnxGraph graph, NodeProto reader, string values, string scales, string zeros, int axis)
    {
        var dq = new NodeProto { OpType = "DequantizeLinear", Domain = Domain, Name = $"{values}_dq" };
        dq.Input.Add(values);
        dq.Input.Add(scales);
        dq.Input.Add(zeros);
        dq.Output.Add($"{values}_dq");
        dq.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = axis });
        graph.Proto.Node.Insert(graph.Proto.Node.IndexOf(reader), dq);
        return dq.Output[0];
    }

    private static string Float(OnnxGraph graph, float[] values, long[] dims) => graph.AddConstant(values, dims);

    private static string Int8(OnnxGraph graph, sbyte[] values, long[] dims) =>
        graph.AddTensor(TensorProto.Types.DataType.Int8, MemoryMarshal.AsBytes(values.AsSpan()), dims);

    private static string UInt8(OnnxGraph graph, byte value) =>
        graph.AddTensor(TensorProto.Types.DataType.Uint8, [value], []);

    private static string Int32(OnnxGraph graph, int[] values) =>
        graph.AddTensor(TensorProto.Types.DataType.Int32, MemoryMarshal.AsBytes(values.AsSpan()), [values.Length]);
}
