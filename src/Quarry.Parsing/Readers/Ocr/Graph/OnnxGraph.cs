using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace Quarry.Parsing.Readers.Ocr.Graph;

/// <summary>
/// An ONNX graph opened for exact rewrites before a session loads it: who produces and who reads each tensor,
/// and the float constants (Constant nodes, as Paddle2ONNX writes weights, or initializers). Lookups scan the
/// node list: a model has under a thousand nodes and is folded once per process. Constants are indexed once (none is removed before
/// <see cref="DropUnusedConstants"/>, the last step).
/// </summary>
internal sealed class OnnxGraph(GraphProto graph)
{
    private int _made;

    public GraphProto Proto { get; } = graph;

    public IEnumerable<NodeProto> Nodes(string opType) => Proto.Node.Where(n => n.OpType == opType).ToList();

    public NodeProto? Producer(string tensor) => Proto.Node.FirstOrDefault(n => n.Output.Contains(tensor));

    /// <summary>The one node that reads <paramref name="tensor"/>, or null when none, several, or the graph's output does.</summary>
    public NodeProto? SoleConsumer(string tensor)
    {
        if (Proto.Output.Any(o => o.Name == tensor))
        {
            return null;
        }
        var readers = Proto.Node.Where(n => n.Input.Contains(tensor)).Take(2).ToList();
        return readers.Count == 1 ? readers[0] : null;
    }

    private Dictionary<string, TensorProto>? _constants;

    private TensorProto? Tensor(string name)
    {
        _constants ??= Proto.Node.Where(n => n.OpType == "Constant" && n.Attribute.Any(a => a.Name == "value"))
            .Select(n => (n.Output[0], n.Attribute.First(a => a.Name == "value").T))
            .Concat(Proto.Initializer.Select(t => (t.Name, t)))
            .ToDictionary(c => c.Item1, c => c.Item2);
        return _constants.GetValueOrDefault(name);
    }

    public bool IsConstant(string name) => Tensor(name) is not null;

    /// <summary>A float constant's values and shape, or null (not a constant, not float).</summary>
    public (float[] Values, long[] Dims)? Floats(string name)
    {
        if (Tensor(name) is not { DataType: (int)TensorProto.Types.DataType.Float } t)
        {
            return null;
        }
        var values = t.FloatData.Count > 0 ? [.. t.FloatData] : MemoryMarshal.Cast<byte, float>(t.RawData.Span).ToArray();
        return (values, [.. t.Dims]);
    }

    /// <summary>The value of a one-element float constant, or null.</summary>
    public float? Scalar(string name) => Floats(name) is { Values.Length: 1 } f ? f.Values[0] : null;

    /// <summary>The scalar constant a two-input node combines <paramref name="input"/> with, or null.</summary>
    public float? ScalarOperand(NodeProto node, string input) =>
        node.Input.Count != 2 ? null
        : node.Input[0] == input ? Scalar(node.Input[1])
        : node.Input[1] == input ? Scalar(node.Input[0])
        : null;

    /// <summary>The input of a node that is not a constant, when there is exactly one.</summary>
    public string? VariableInput(NodeProto node) => node.Input.Where(i => !IsConstant(i)).ToList() is [var only] ? only : null;

    /// <summary>A new float Constant node (written as the exporter writes weights, valid at every IR version).</summary>
    public string AddConstant(float[] values, long[] dims) =>
        AddTensor(TensorProto.Types.DataType.Float, MemoryMarshal.AsBytes(values.AsSpan()), dims);

    /// <summary>A new Constant node of any element type, from its little-endian bytes.</summary>
    public string AddTensor(TensorProto.Types.DataType type, ReadOnlySpan<byte> raw, long[] dims)
    {
        string name;
        do
        {
            name = $"quarry_folded_{_made++}";
        }
        while (IsConstant(name));
        var tensor = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(raw) };
        tensor.Dims.AddRange(dims);
        var node = new NodeProto { OpType = "Constant", Name = name };
        node.Output.Add(name);
        node.Attribute.Add(new AttributeProto { Name = "value", Type = AttributeProto.Types.AttributeType.Tensor, T = tensor });
        Proto.Node.Insert(0, node);
        _constants?.Add(name, tensor);
        return name;
    }

    /// <summary>Drops the Constant nodes nothing reads any more (weights replaced by their folded copies).</summary>
    public void DropUnusedConstants()
    {
        var read = Proto.Node.SelectMany(n => n.Input).Concat(Proto.Output.Select(o => o.Name)).ToHashSet();
        foreach (var node in Proto.Node.Where(n => n.OpType == "Constant" && !read.Contains(n.Output[0])).ToList())
        {
            Proto.Node.Remove(node);
        }
    }
}
