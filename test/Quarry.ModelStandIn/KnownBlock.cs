using Quarry.Core.Model;

namespace Quarry.ModelStandIn;

/// <summary>One block as the model would see it: its MinerU label, box (points and 0–1000), and the answer its crop gets.</summary>
public sealed record KnownBlock(string Label, BoundingBox Box, int[] Permille, string Answer)
{
    public PromptKind Prompt => Prompts.ForLabel(Label);

    /// <summary>Aspect and thumbnail of the block's ink on a page render (set when the page is rendered).</summary>
    public double InkAspect { get; set; } = 1;

    public byte[] Signature { get; set; } = [];

    public string LayoutToken => $"<|box_start|>{Permille[0]:D3} {Permille[1]:D3} {Permille[2]:D3} {Permille[3]:D3}<|box_end|><|ref_start|>{Label}<|ref_end|><|rotate_up|>";
}

/// <summary>One page of a known PDF: its size in points, its thumbnail, its blocks in reading order.</summary>
public sealed record KnownPage(string Document, int Index, double Width, double Height, IReadOnlyList<KnownBlock> Blocks)
{
    public byte[] Thumbnail { get; set; } = [];

    /// <summary>One block a line, as MinerU2.5-2509 answers (its client parsed the answer line by line).</summary>
    public string LayoutAnswer => string.Join("\n", Blocks.Select(b => b.LayoutToken));
}
