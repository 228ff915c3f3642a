using Quarry.Core.Model;

namespace Quarry.Parsing.Assembly;

/// <summary>
/// Merges a table split by a page break: the last body block of a page and the first of the next are both
/// tables with the same number of columns, and the second has no header of its own (or repeats the first's).
/// </summary>
public static class TableMerger
{
    public static void Apply(IReadOnlyList<PageResult> pages)
    {
        for (var p = 0; p + 1 < pages.Count; p++)
        {
            var tail = pages[p].Blocks.LastOrDefault(b => !b.MergedIntoPrevious);
            var head = pages[p + 1].Blocks.FirstOrDefault();
            if (tail?.Table is not { } first || head?.Table is not { } next || tail.Type != BlockType.Table || head.Type != BlockType.Table)
            {
                continue;
            }
            var repeatsHeader = next.HeaderRows > 0 && first.Append(next).Rows.Count < first.Rows.Count + next.Rows.Count;
            if (first.ColumnCount != next.ColumnCount || (next.HeaderRows > 0 && !repeatsHeader) || head.Captions.Count > 0)
            {
                continue;
            }
            tail.Table = first.Append(next);
            head.MergedIntoPrevious = true;
        }
    }
}
