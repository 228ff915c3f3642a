using Quarry.Core.Model;

namespace Quarry.Parsing.Sources.Office;

/// <summary>
/// One page of an Office document while it is read (a Word section, a slide, a sheet): body blocks in order,
/// furniture apart, and the images it exports. <see cref="ToResult"/> numbers it within the parsed range.
/// </summary>
internal sealed class OfficePage(int sourceIndex, double width, double height)
{
    public int SourceIndex { get; } = sourceIndex;
    public List<Block> Blocks { get; } = [];
    public List<Block> Discarded { get; } = [];
    public List<ExtractedImage> Images { get; } = [];
    public double ElapsedMilliseconds { get; set; }

    /// <summary>An image block whose file goes to images/ under MinerU's hash naming.</summary>
    public Block Image(byte[] data, string extension)
    {
        // The block's ordinal stands in for the position a laid-out page gives, so two uses of one picture stay two files.
        var ordinal = Blocks.Count;
        var image = ExtractedImage.Named(data, SourceIndex, new BoundingBox(ordinal, 0, ordinal, 0), extension);
        Images.Add(image);
        return new Block { Type = BlockType.Image, BoundingBox = OfficeBlocks.NoBox, ImageName = image.FileName };
    }

    public PageResult ToResult(int pageIndex) => new()
    {
        PageIndex = pageIndex,
        Width = width,
        Height = height,
        Blocks = Blocks,
        Discarded = Discarded,
        Images = Images,
        ElapsedMilliseconds = ElapsedMilliseconds,
    };
}
