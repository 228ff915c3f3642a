using Microsoft.ML.OnnxRuntime;
using Quarry.Parsing.Readers.Ocr;

namespace Quarry.Parsing.Tests.Readers.Ocr;

/// <summary>ONNX Runtime's threads for the OCR models: one per model run unless configured.</summary>
public class OcrThreadingTests
{
    [Theory]
    [InlineData(null, 1)]
    [InlineData("", 1)]
    [InlineData("0", 1)]
    [InlineData("-2", 1)]
    [InlineData("two", 1)]
    [InlineData("4", 4)]
    public void The_intra_op_threads_come_from_a_positive_integer_else_one(string? value, int threads) =>
        Assert.Equal(threads, OcrThreading.Parse(value).IntraOpThreads);

    [Fact]
    public void Session_options_run_operators_in_sequence_on_the_configured_threads()
    {
        using var options = OcrThreading.Parse("3").ToSessionOptions();
        Assert.Equal(3, options.IntraOpNumThreads);
        Assert.Equal(1, options.InterOpNumThreads);
        Assert.Equal(ExecutionMode.ORT_SEQUENTIAL, options.ExecutionMode);
        Assert.Equal(GraphOptimizationLevel.ORT_ENABLE_ALL, options.GraphOptimizationLevel);
    }
}
