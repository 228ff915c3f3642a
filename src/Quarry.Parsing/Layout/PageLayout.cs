using Quarry.Core.Model;
using Quarry.Parsing.Readers;
using Quarry.Parsing.Text;

namespace Quarry.Parsing.Layout;

/// <summary>
/// One page's layout pipeline: tables from rules → rows → column gutters → lines → line groups → typed
/// blocks → figures and captions bound → reading order. Furniture is decided later, across pages.
/// </summary>
public static class PageLayout
{
    /// <summary>Lays out one page; what could not be read on it (<see cref="PageContent.Problems"/>) marks it degraded.</summary>
    public static PageResult Build(PageContent content, DocumentStyle style, PageBudget budget)
    {
        PageResult page;
        try
        {
            page = content.Blocks is { } given ? Given(content, given) : BuildStructured(content, style, budget);
        }
        catch (PageBudgetExceededException)
        {
            page = PlainText(content);
        }
        foreach (var problem in content.Problems)
        {
            page.Degrade(problem);
        }
        page.QuarterTurns = content.QuarterTurns;
        return page;
    }

    private static PageResult BuildStructured(PageContent content, DocumentStyle style, PageBudget budget)
    {
        var tables = TableDetector.Detect(content.Rulings, content.Words);
        budget.Check();
        var taken = new HashSet<Word>(tables.SelectMany(t => t.Words));
        var free = taken.Count == 0 ? content.Words : content.Words.Where(w => !taken.Contains(w)).ToList();
        var rows = RowGrouper.Group(free);
        budget.Check();
        var gutters = ColumnGutters.Find(rows, content.Width);
        var lines = LineBuilder.Build(rows, gutters);
        budget.Check();
        var groups = LineGrouper.Group(lines);
        budget.Check();
        var blocks = new List<Block>();
        foreach (var g in groups)
        {
            blocks.AddRange(BlockClassifier.Classify(g, style));
        }
        budget.Check();
        var images = new List<ExtractedImage>();
        foreach (var t in tables)
        {
            blocks.Add(new Block { Type = BlockType.Table, BoundingBox = t.Box, Table = t.Data });
        }
        foreach (var img in content.Images.Where(i => i.File is not null))
        {
            images.Add(img.File!);
            blocks.Add(new Block { Type = BlockType.Image, BoundingBox = img.Box, ImageName = img.File!.FileName });
        }
        Equations.MathBlocks.Rebuild(blocks, content);
        CaptionBinder.Bind(blocks);
        AttachEquationNumbers(blocks);
        budget.Check();
        var ordered = ReadingOrder.Sort(blocks, OrderingBox, lines.Count(l => l.IsRightToLeft) * 2 > lines.Count);
        return new PageResult
        {
            PageIndex = content.PageIndex,
            Width = content.Width,
            Height = content.Height,
            Blocks = ordered,
            Images = images,
        };
    }

    /// <summary>A reader's own blocks (the model's): kept in its order, furniture set apart for assembly.</summary>
    private static PageResult Given(PageContent content, IReadOnlyList<Block> blocks) => new()
    {
        PageIndex = content.PageIndex,
        Width = content.Width,
        Height = content.Height,
        Blocks = blocks.Where(b => !b.Type.IsFurniture()).ToList(),
        Discarded = blocks.Where(b => b.Type.IsFurniture()).ToList(),
    };

    // Captions travel with their figure or table when ordering.
    private static BoundingBox OrderingBox(Block b) =>
        b.CaptionBoxes.Aggregate(b.BoundingBox, (acc, c) => acc.Union(c));

    /// <summary>"(3)" printed beside a display equation is its tag, not a paragraph.</summary>
    private static void AttachEquationNumbers(List<Block> blocks)
    {
        foreach (var number in blocks.Where(b => b.Type == BlockType.Text && Patterns.EquationNumber().IsMatch(b.Text)).ToList())
        {
            var eq = blocks.FirstOrDefault(b => b.Type == BlockType.Equation
                && b.BoundingBox.VerticalOverlap(number.BoundingBox) > 0.3 * number.BoundingBox.Height
                && b.BoundingBox.X1 <= number.BoundingBox.X0);
            if (eq is not null)
            {
                eq.Text += $" \\tag{{{number.Text.Trim('(', ')')}}}";
                eq.BoundingBox = eq.BoundingBox.Union(number.BoundingBox);
                blocks.Remove(number);
            }
        }
    }

    public const string TimeBudgetReason = "layout ran past its time budget; reduced to plain text";

    /// <summary>The degraded path: lines in drawing order as plain paragraphs, no structure.</summary>
    public static PageResult PlainText(PageContent content)
    {
        var rows = RowGrouper.Group(content.Words);
        var blocks = rows.Select(r => new TextLine(r)).Select(l => new Block
        {
            Type = BlockType.Text,
            BoundingBox = l.Box,
            Lines = [l.ToModel()],
            Text = TextNormalizer.FoldSpaces(l.Text),
            FontSize = l.FontSize,
        }).ToList();
        var page = new PageResult
        {
            PageIndex = content.PageIndex,
            Width = content.Width,
            Height = content.Height,
            Blocks = blocks,
        };
        page.Degrade(TimeBudgetReason);
        return page;
    }
}
