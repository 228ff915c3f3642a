using Onnx;

namespace Quarry.Parsing.Readers.Ocr.Graph;

/// <summary>
/// Rewrites hard-swish as Paddle2ONNX exports it at opset 9, <c>z · clip(z + 3, 0, 6) / 6</c> (four
/// elementwise passes), as <c>z · HardSigmoid(z)</c> with alpha 1/6 and beta 1/2, the same function: ONNX
/// Runtime fuses that pair into the convolution that produces z (a conv with a HardSwish activation).
/// </summary>
internal static class HardSwishPattern
{
    public static int Apply(OnnxGraph graph)
    {
        var rewritten = 0;
        foreach (var add in graph.Nodes("Add"))
        {
            if (graph.VariableInput(add) is not { } z || graph.ScalarOperand(add, z) != 3f
                || graph.SoleConsumer(add.Output[0]) is not { OpType: "Clip" } clip || clip.Input.Count != 1
                || Attribute(clip, "min") != 0f || Attribute(clip, "max") != 6f
                || graph.SoleConsumer(clip.Output[0]) is not { OpType: "Mul" } mul || !mul.Input.Contains(z)
                || graph.SoleConsumer(mul.Output[0]) is not { OpType: "Div" } div || div.Input[0] != mul.Output[0] || graph.Scalar(div.Input[1]) != 6f)
            {
                continue;
            }
            var sigmoid = new NodeProto { OpType = "HardSigmoid", Name = $"{add.Name}_hardsigmoid" };
            sigmoid.Input.Add(z);
            sigmoid.Output.Add($"{add.Output[0]}_hardsigmoid");
            sigmoid.Attribute.Add(new AttributeProto { Name = "alpha", Type = AttributeProto.Types.AttributeType.Float, F = 1f / 6 });
            sigmoid.Attribute.Add(new AttributeProto { Name = "beta", Type = AttributeProto.Types.AttributeType.Float, F = 0.5f });
            var product = new NodeProto { OpType = "Mul", Name = $"{add.Name}_hardswish" };
            product.Input.Add(z);
            product.Input.Add(sigmoid.Output[0]);
            product.Output.Add(div.Output[0]);
            var at = graph.Proto.Node.IndexOf(add);
            foreach (var old in new[] { add, clip, mul, div })
            {
                graph.Proto.Node.Remove(old);
            }
            graph.Proto.Node.Insert(at, product);
            graph.Proto.Node.Insert(at, sigmoid);
            rewritten++;
        }
        return rewritten;
    }

    private static float? Attribute(NodeProto node, string name) => node.Attribute.FirstOrDefault(a => a.Name == name)?.F;
}
