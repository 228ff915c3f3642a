namespace Quarry.Core.Output;

/// <summary>
/// Where one input's files go under the output folder. <see cref="Quarry"/>: <c>OUT/&lt;name&gt;/</c>.
/// <see cref="MinerU"/>: <c>OUT/&lt;name&gt;/&lt;method&gt;/</c> as MinerU writes them (loaders built for MinerU,
/// RAGFlow's for one, look there), with the input's stem unchanged.
/// </summary>
public enum OutputLayout
{
    Quarry,
    MinerU,
}

public static class OutputFolders
{
    public static OutputLayout? TryParse(string name) => name.ToLowerInvariant() switch
    {
        "quarry" => OutputLayout.Quarry,
        "mineru" => OutputLayout.MinerU,
        _ => null,
    };

    /// <summary>MinerU's folder name for a parse method: <c>auto</c>/<c>txt</c>/<c>ocr</c> (pipeline), <c>vlm</c>, <c>hybrid_auto</c>.</summary>
    public static string MinerUMethod(string engine) => engine switch
    {
        "hybrid" => "hybrid_auto",
        _ => engine,
    };

    /// <summary>The folder one input's files are written to.</summary>
    public static string For(string outputRoot, string name, OutputLayout layout, string engine) => layout == OutputLayout.MinerU
        ? Path.Combine(outputRoot, name, MinerUMethod(engine))
        : Path.Combine(outputRoot, name);

    /// <summary>
    /// The output name of an input under <paramref name="layout"/>: MinerU keeps the stem as it is (spaces
    /// and all); a stem that would not name a folder of its own (empty, <c>.</c>, <c>..</c>) gets <paramref name="safe"/>.
    /// </summary>
    public static string Name(string inputPath, OutputLayout layout, string safe)
    {
        var stem = Path.GetFileNameWithoutExtension(inputPath);
        return layout == OutputLayout.MinerU && stem.Trim('.', ' ').Length > 0 ? stem : safe;
    }
}
