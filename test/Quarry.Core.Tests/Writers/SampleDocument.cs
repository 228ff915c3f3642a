using Quarry.Core.Model;

namespace Quarry.Core.Tests.Writers;

/// <summary>A hand-built two-page document that uses every block type, for the writer golden files.</summary>
internal static class SampleDocument
{
    public static ParsedDocument Create()
    {
        static Block Text(BlockType type, string text, BoundingBox box, int level = 0) => new()
        {
            Type = type,
            BoundingBox = box,
            Text = text,
            Level = level,
            Lines = [new Line(box, [new Span(SpanType.Text, text, box)])],
        };

        var figure = new Block { Type = BlockType.Image, BoundingBox = new(100, 300, 300, 400), ImageName = "fig.png" };
        figure.Captions.Add("Figure 1: A figure");
        figure.CaptionBoxes.Add(new(100, 405, 300, 415));
        var table = new Block
        {
            Type = BlockType.Table,
            BoundingBox = new(72, 450, 400, 520),
            Table = new TableData([["Name", "Value"], ["a < b", "1.5"]], 1),
        };
        table.Captions.Add("Table 1: Values");
        table.Footnotes.Add("Source: the_survey");
        var code = new Block { Type = BlockType.Code, BoundingBox = new(72, 180, 540, 200), Text = "let x = 1;\n  y()", CodeLanguage = "js" };
        code.Captions.Add("Listing 1: Setup");
        static Line ListLine(string text, double y) => new(new(72, y, 540, y + 10), [new Span(SpanType.Text, text, new(72, y, 540, y + 10))]);
        var list = new Block
        {
            Type = BlockType.List,
            BoundingBox = new(72, 130, 540, 170),
            Lines = [ListLine("• first item", 130), ListLine("• second item that", 145), ListLine("wraps", 160)],
            ListItemLineStarts = [0, 1],
            ListItems = ["first item", "second item that wraps"],
        };
        var continued = Text(BlockType.Text, "continues here.", new(72, 72, 540, 90));
        continued.MergedIntoPrevious = true;
        continued.ContinuesPrevious = true;
        var broken = Text(BlockType.Text, "A paragraph with *stars* and $5 that", new(72, 600, 540, 700));
        broken.MergedText = "A paragraph with *stars* and $5 that continues here.";
        broken.Continuations.Add(continued);

        var page0 = new PageResult
        {
            PageIndex = 0,
            Width = 612,
            Height = 792,
            Blocks =
            [
                Text(BlockType.Title, "Report Title", new(72, 72, 400, 96), 1),
                Text(BlockType.Title, "1.1 Setup_notes", new(72, 110, 300, 124), 2),
                list,
                code,
                new Block { Type = BlockType.Equation, BoundingBox = new(200, 210, 400, 230), Text = "E = mc^{2}" },
                figure,
                table,
                broken,
            ],
            Discarded = [Text(BlockType.Header, "Running Head", new(72, 20, 300, 30)), Text(BlockType.PageNumber, "1", new(300, 760, 310, 770))],
            Images = [new ExtractedImage("fig.png", new byte[] { 1, 2, 3 })],
        };
        var page1 = new PageResult { PageIndex = 1, Width = 612, Height = 792, Blocks = [continued] };
        var empty = new PageResult { PageIndex = 2, Width = 612, Height = 792 };
        return new ParsedDocument { Basename = "sample", Pages = [page0, page1, empty], VersionName = "test" };
    }
}
