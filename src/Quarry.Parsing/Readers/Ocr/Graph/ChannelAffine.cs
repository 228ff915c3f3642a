using Onnx;

namespace Quarry.Parsing.Readers.Ocr.Graph;

/// <summary>
/// Rewrites a multiplication then an addition by scalar constants (an affine block in front of a padded
/// convolution, which <see cref="ConvAffineFolding"/> must leave) as a 1×1 depthwise convolution with the
/// same scale and bias, exactly. ONNX Runtime keeps a conv in its blocked (NCHWc) layout, whereas a Mul or
/// Add by a scalar sent every such tensor back to plain layout and in again: two reorder passes and two
/// elementwise passes over the tensor become one.
/// </summary>
internal static class ChannelAffine
{
    public static int Apply(OnnxGraph graph)
    {
        var rewritten = 0;
        foreach (var mul in graph.Nodes("Mul"))
        {
            if (graph.VariableInput(mul) is not { } x || graph.ScalarOperand(mul, x) is not { } scale
                || graph.SoleConsumer(mul.Output[0]) is not { OpType: "Add" } add || graph.ScalarOperand(add, mul.Output[0]) is not { } shift
                || Channels(graph, x) is not { } channels)
            {
                continue;
            }
            var conv = new NodeProto { OpType = "Conv", Name = $"{mul.Name}_affine" };
            conv.Input.Add(x);
            conv.Input.Add(graph.AddConstant(Enumerable.Repeat(scale, channels).ToArray(), [channels, 1, 1, 1]));
            conv.Input.Add(graph.AddConstant(Enumerable.Repeat(shift, channels).ToArray(), [channels]));
            conv.Output.Add(add.Output[0]);
            conv.Attribute.Add(new AttributeProto { Name = "group", Type = AttributeProto.Types.AttributeType.Int, I = channels });
            conv.Attribute.Add(new AttributeProto { Name = "kernel_shape", Type = AttributeProto.Types.AttributeType.Ints, Ints = { 1, 1 } });
            var at = graph.Proto.Node.IndexOf(mul);
            graph.Proto.Node.Remove(mul);
            graph.Proto.Node.Remove(add);
            graph.Proto.Node.Insert(at, conv);
            rewritten++;
        }
        return rewritten;
    }

    /// <summary>
    /// The channel count of a 4-D tensor, read from the convolutions it comes from through elementwise ops
    /// (every variable input of each must agree, so a broadcast cannot mislead it); null when that is not
    /// known, and then the rewrite is skipped.
    /// </summary>
    private static int? Channels(OnnxGraph graph, string tensor, int depth = 0)
    {
        switch (graph.Producer(tensor))
        {
            case { OpType: "Conv" } conv:
                return graph.Floats(conv.Input[1]) is { Dims: [var outputs, _, _, _] } ? (int)outputs : null;
            case { OpType: "Mul" or "Add" or "HardSigmoid" or "Clip" or "Div" or "Relu" } elementwise when depth < 8:
                var counts = elementwise.Input.Where(i => !graph.IsConstant(i)).Select(i => Channels(graph, i, depth + 1)).Distinct().ToList();
                return counts is [{ } only] ? only : null;
            default:
                return null;
        }
    }
}
