using System.Globalization;
using Microsoft.ML.OnnxRuntime;

namespace Quarry.Parsing.Readers.Ocr;

/// <summary>
/// How many threads one OCR model run uses (ONNX Runtime's intra-op pool). Quarry already runs one page or
/// one document per core (<see cref="Pipeline.ParseOptions.MaxDegreeOfParallelism"/>), as Tesseract runs
/// best as one single-threaded process per core; a second level of threads inside each run made 2 × 2 busy
/// threads on 2 cores, which spin and wait on each other at every operator. So the default is 1; a host
/// that reads one page at a time on many cores can raise it with <see cref="EnvironmentVariable"/>.
/// </summary>
public sealed record OcrThreading
{
    public const string EnvironmentVariable = "QUARRY_OCR_THREADS";

    /// <summary>Threads inside one model run (ONNX Runtime IntraOpNumThreads).</summary>
    public int IntraOpThreads { get; init; } = 1;

    /// <summary>The threading <see cref="EnvironmentVariable"/> asks for: a positive integer, else the default.</summary>
    public static OcrThreading FromEnvironment() => Parse(Environment.GetEnvironmentVariable(EnvironmentVariable));

    /// <summary>A positive integer sets the intra-op threads; anything else (unset, 0, junk) keeps the default.</summary>
    public static OcrThreading Parse(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? new OcrThreading { IntraOpThreads = n } : new OcrThreading();

    /// <summary>Session options for the OCR models: this many intra-op threads, one inter-op thread, operators in sequence.</summary>
    public SessionOptions ToSessionOptions() => new()
    {
        GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        IntraOpNumThreads = IntraOpThreads,
        // Inter-op threads only serve ORT_PARALLEL, which these chain-shaped models gain nothing from.
        InterOpNumThreads = 1,
        ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
    };
}
