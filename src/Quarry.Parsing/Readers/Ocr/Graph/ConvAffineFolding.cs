using Onnx;

namespace Quarry.Parsing.Readers.Ocr.Graph;

/// <summary>
/// Folds multiplications and additions by a scalar constant into a neighbouring convolution's weights and
/// bias, exactly: after a conv, <c>s·conv(x) + b</c> is a conv with weights s·W and bias s·B + b (PP-LCNetV3's
/// learnable affine blocks, exported as a Mul and an Add after every conv); before an unpadded conv,
/// <c>conv(s·x + b)</c> is a conv with weights s·W and bias B + b·ΣW (a padded conv would see the padding's
/// zeros shifted, so it is left alone).
/// </summary>
internal static class ConvAffineFolding
{
    public static int Apply(OnnxGraph graph)
    {
        var folded = 0;
        foreach (var conv in graph.Nodes("Conv"))
        {
            if (graph.Floats(conv.Input[1]) is null || (conv.Input.Count > 2 && graph.Floats(conv.Input[2]) is null))
            {
                continue;
            }
            while (FoldAfter(graph, conv))
            {
                folded++;
            }
            while (Unpadded(conv) && FoldBefore(graph, conv))
            {
                folded++;
            }
        }
        return folded;
    }

    private static bool FoldAfter(OnnxGraph graph, NodeProto conv)
    {
        var next = graph.SoleConsumer(conv.Output[0]);
        if (next is not { OpType: "Mul" or "Add" } || graph.ScalarOperand(next, conv.Output[0]) is not { } s)
        {
            return false;
        }
        var (w, dims) = graph.Floats(conv.Input[1])!.Value;
        var bias = Bias(graph, conv, (int)dims[0]);
        if (next.OpType == "Mul")
        {
            Scale(w, s);
            Scale(bias, s);
            conv.Input[1] = graph.AddConstant(w, dims);
        }
        else
        {
            for (var o = 0; o < bias.Length; o++)
            {
                bias[o] += s;
            }
        }
        SetBias(graph, conv, bias);
        conv.Output[0] = next.Output[0];
        graph.Proto.Node.Remove(next);
        return true;
    }

    private static bool FoldBefore(OnnxGraph graph, NodeProto conv)
    {
        var prev = graph.Producer(conv.Input[0]);
        if (prev is not { OpType: "Mul" or "Add" } || graph.SoleConsumer(conv.Input[0]) != conv
            || graph.VariableInput(prev) is not { } x || graph.ScalarOperand(prev, x) is not { } s)
        {
            return false;
        }
        var (w, dims) = graph.Floats(conv.Input[1])!.Value;
        var bias = Bias(graph, conv, (int)dims[0]);
        if (prev.OpType == "Mul")
        {
            Scale(w, s);
            conv.Input[1] = graph.AddConstant(w, dims);
        }
        else
        {
            // Every output sums its weights times (x + s): the s part is a constant per output channel.
            var perOutput = w.Length / bias.Length;
            for (var o = 0; o < bias.Length; o++)
            {
                double sum = 0;
                for (var i = 0; i < perOutput; i++)
                {
                    sum += w[(o * perOutput) + i];
                }
                bias[o] += (float)(s * sum);
            }
        }
        SetBias(graph, conv, bias);
        conv.Input[0] = x;
        graph.Proto.Node.Remove(prev);
        return true;
    }

    private static bool Unpadded(NodeProto conv)
    {
        var pads = conv.Attribute.FirstOrDefault(a => a.Name == "pads");
        var autoPad = conv.Attribute.FirstOrDefault(a => a.Name == "auto_pad")?.S.ToStringUtf8() ?? "";
        return (pads is null || pads.Ints.All(p => p == 0)) && autoPad is "" or "NOTSET" or "VALID";
    }

    private static float[] Bias(OnnxGraph graph, NodeProto conv, int outputs) =>
        conv.Input.Count > 2 && conv.Input[2].Length > 0 ? graph.Floats(conv.Input[2])!.Value.Values : new float[outputs];

    private static void SetBias(OnnxGraph graph, NodeProto conv, float[] bias)
    {
        var name = graph.AddConstant(bias, [bias.Length]);
        if (conv.Input.Count > 2)
        {
            conv.Input[2] = name;
        }
        else
        {
            conv.Input.Add(name);
        }
    }

    private static void Scale(float[] values, float s)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] *= s;
        }
    }
}
