namespace Quarry.ModelStandIn;

/// <summary>What a request asks for, told by its prompt (mineru-vl-utils' prompts all start with a real line feed).</summary>
public enum PromptKind
{
    Unknown,
    Layout,
    Text,
    Table,
    Formula,
    Image,
}

public static class Prompts
{
    public static PromptKind Classify(string? prompt) => prompt switch
    {
        "\nLayout Detection:" => PromptKind.Layout,
        "\nText Recognition:" => PromptKind.Text,
        "\nTable Recognition:" => PromptKind.Table,
        "\nFormula Recognition:" => PromptKind.Formula,
        "\nImage Analysis:" => PromptKind.Image,
        _ => PromptKind.Unknown,
    };

    /// <summary>The prompt the client sends for a block of this MinerU type (image and chart only with image analysis on).</summary>
    public static PromptKind ForLabel(string label) => label switch
    {
        "table" => PromptKind.Table,
        "equation" => PromptKind.Formula,
        "image" or "chart" => PromptKind.Image,
        "list" or "equation_block" or "image_block" => PromptKind.Unknown, // containers: never sent
        _ => PromptKind.Text,
    };
}
