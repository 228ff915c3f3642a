using Quarry.Core.Model;

namespace Quarry.Parsing.Assembly;

/// <summary>Cross-page assembly, in order: furniture out, one title per slide in decks, contents entries out of the titles, heading levels, tables and paragraphs joined across breaks.</summary>
public static class DocumentAssembler
{
    public static void Assemble(IReadOnlyList<PageResult> pages, IReadOnlyList<OutlineEntry> outline)
    {
        FurnitureDetector.Apply(pages);
        SlideTitles.Apply(pages);
        ContentsPages.Apply(pages);
        HeadingLeveler.Apply(pages.SelectMany(p => p.Blocks), outline);
        TableMerger.Apply(pages);
        ParagraphJoiner.Apply(pages);
    }
}
