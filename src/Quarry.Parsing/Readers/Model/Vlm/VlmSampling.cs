namespace Quarry.Parsing.Readers.Model.Vlm;

/// <summary>
/// The sampling fields that vary per request (mineru-vl-utils' DEFAULT_SAMPLING_PARAMS); the rest are fixed
/// for every call: temperature 0, top_p 0.01, top_k 1, no_repeat_ngram_size 100, skip_special_tokens false.
/// </summary>
internal sealed record VlmSampling(double PresencePenalty, double FrequencyPenalty, double RepetitionPenalty = 1.0, int? MaxTokens = null)
{
    public const double Temperature = 0.0;
    public const double TopP = 0.01;
    public const int TopK = 1;
    public const int NoRepeatNgramSize = 100;

    public static readonly VlmSampling Layout = new(0.0, 0.0);
    public static readonly VlmSampling Table = new(1.0, 0.005);
    public static readonly VlmSampling Default = new(1.0, 0.05);

    /// <summary>Content sampling for a block of the model's <paramref name="type"/> (equation, image, chart, text… share the default).</summary>
    public static VlmSampling ForContent(string type) => type == "table" ? Table : Default;

    /// <summary>
    /// The repetition guard's second try: penalties well above MinerU's (which let loops through) and a token
    /// cap from the crop's size, so a loop ends early instead of running to the server's limit.
    /// </summary>
    public VlmSampling Stronger(int maxTokens) =>
        new(Math.Max(PresencePenalty, 1.5), Math.Max(FrequencyPenalty, 0.5), Math.Max(RepetitionPenalty, 1.05), maxTokens);
}

/// <summary>mineru-vl-utils' DEFAULT_PROMPTS; each starts with a real line feed.</summary>
internal static class VlmPrompts
{
    public const string Layout = "\nLayout Detection:";
    public const string Table = "\nTable Recognition:";
    public const string Equation = "\nFormula Recognition:";
    public const string ImageAnalysis = "\nImage Analysis:";
    public const string Text = "\nText Recognition:";

    public static string ForContent(string type) => type switch
    {
        "table" => Table,
        "equation" => Equation,
        "image" or "chart" => ImageAnalysis,
        _ => Text,
    };
}
