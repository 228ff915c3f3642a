using Quarry.Parsing.Readers.Model.Vlm;

namespace Quarry.Parsing.Tests.Readers.Model.Vlm;

public sealed class LayoutOutputParserTests
{
    [Fact]
    public void A_recorded_mineru25_layout_parses_block_for_block()
    {
        var raw = File.ReadAllText(ChatServer.Fixture("mineru_layout_baige_page8.txt"));

        var blocks = LayoutOutputParser.Parse(raw);

        // mineru-vl-utils 1.2.1 keeps all 24 (its de-duplication of repeated boxes came later, in a fork).
        Assert.Equal(24, blocks.Count);
        Assert.Equal(["header", "header", "page_number", "text"], blocks.Take(4).Select(b => b.Type));
        Assert.Equal(6, blocks.Count(b => b.Type == "image_caption"));
        Assert.Equal("footer", blocks[^1].Type);
        Assert.Equal((0.03, 0.964, 0.835, 0.98), (blocks[^1].X0, blocks[^1].Y0, blocks[^1].X1, blocks[^1].Y1));
        Assert.All(blocks, b => Assert.Equal(0, b.Angle));
    }

    [Fact]
    public void Boxes_are_checked_swapped_or_dropped_as_mineru_vl_utils_does()
    {
        var raw = string.Concat(
            "<|box_start|>100 200 300 400<|box_end|><|ref_start|>Text<|ref_end|><|rotate_right|>",
            "<|box_start|>300 400 100 200<|box_end|><|ref_start|>title<|ref_end|>",            // reversed → swapped, no angle
            "<|box_start|>100 200 1001 400<|box_end|><|ref_start|>text<|ref_end|><|rotate_up|>", // outside → dropped
            "<|box_start|>100 200 100 400<|box_end|><|ref_start|>text<|ref_end|><|rotate_up|>",  // zero width → dropped
            "<|box_start|>0 0 10 10<|box_end|><|ref_start|>inline_formula<|ref_end|><|rotate_up|>",
            "<|box_start|>0 0 10 10<|box_end|><|ref_start|>sticker<|ref_end|><|rotate_up|>",
            "<|box_start|>500 500 900 900<|box_end|><|ref_start|>unknown<|ref_end|><|rotate_left|>",
            "<|box_start|>10 10 20 20<|box_end|><|ref_start|>text<|ref_end|><|rotate_down|>\ntxt_contd_tgt\n");

        var blocks = LayoutOutputParser.Parse(raw);

        Assert.Equal(["text", "title", "image", "text"], blocks.Select(b => b.Type));
        Assert.Equal((0.1, 0.2, 0.3, 0.4), (blocks[1].X0, blocks[1].Y0, blocks[1].X1, blocks[1].Y1));
        Assert.Equal(new int?[] { 90, null, 270, 180 }, blocks.Select(b => b.Angle));
        Assert.Equal([false, false, false, true], blocks.Select(b => b.MergePrev));
    }

    [Fact]
    public void Text_and_equations_inside_a_table_are_removed_but_captions_stay()
    {
        var raw = string.Concat(
            "<|box_start|>100 100 900 500<|box_end|><|ref_start|>table<|ref_end|><|rotate_up|>",
            "<|box_start|>120 120 500 140<|box_end|><|ref_start|>text<|ref_end|><|rotate_up|>",
            "<|box_start|>120 200 500 240<|box_end|><|ref_start|>equation<|ref_end|><|rotate_up|>",
            "<|box_start|>120 480 500 520<|box_end|><|ref_start|>text<|ref_end|><|rotate_up|>", // half outside: kept
            "<|box_start|>120 150 500 170<|box_end|><|ref_start|>table_caption<|ref_end|><|rotate_up|>");

        Assert.Equal(["table", "text", "table_caption"], LayoutOutputParser.Parse(raw).Select(b => b.Type));
    }

    [Fact]
    public void Image_captions_inside_a_figure_are_not_blocks_of_their_own()
    {
        var blocks = LayoutOutputParser.Parse(string.Concat(
            "<|box_start|>100 100 900 500<|box_end|><|ref_start|>image<|ref_end|><|rotate_up|>",
            "<|box_start|>120 450 500 480<|box_end|><|ref_start|>image_caption<|ref_end|><|rotate_up|>",
            "<|box_start|>120 510 500 530<|box_end|><|ref_start|>image_caption<|ref_end|><|rotate_up|>"));

        Assert.Equal(["image", "image_caption"], ContentSelection.DropCaptionsInsideFigures(blocks).Select(b => b.Type));
        Assert.False(ContentSelection.IsSent("image"));
        Assert.False(ContentSelection.IsSent("list"));
        Assert.True(ContentSelection.IsSent("image_caption"));
    }
}
