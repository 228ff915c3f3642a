using Quarry.Core.Model;
using Quarry.Parsing.Readers;

namespace Quarry.Parsing.Layout.Tables;

/// <summary>
/// Joins collinear rule pieces into whole rules. Spreadsheet and word-processor exports draw a grid
/// cell by cell (one short segment per cell edge, often twice: a filled bar and a stroke), so a row rule
/// arrives as many pieces that, left apart, never span the table.
/// </summary>
public static class RulingJoiner
{
    // Pieces this close across their axis lie on one rule; this close along it, they touch (cell-by-cell
    // grids meet exactly; a few points of gap is deliberate, like the breaks between cmidrules).
    private const double SameLine = 1.5;
    private const double Touch = 3;

    public static List<Ruling> Join(IReadOnlyList<Ruling> rulings)
    {
        if (rulings.Count < 2)
        {
            return [.. rulings];
        }
        var joined = JoinAxis(rulings.Where(r => r.Horizontal), horizontal: true);
        joined.AddRange(JoinAxis(rulings.Where(r => !r.Horizontal), horizontal: false));
        return joined;
    }

    private static List<Ruling> JoinAxis(IEnumerable<Ruling> pieces, bool horizontal)
    {
        // Sort by the cross-axis position, then along the axis: one pass joins runs of touching pieces.
        var sorted = pieces.OrderBy(r => Round(Across(r.Box, horizontal))).ThenBy(r => Lo(r.Box, horizontal)).ToList();
        var result = new List<Ruling>(sorted.Count);
        foreach (var r in sorted)
        {
            if (result.Count > 0)
            {
                var last = result[^1].Box;
                if (Math.Abs(Across(last, horizontal) - Across(r.Box, horizontal)) <= SameLine
                    && Lo(r.Box, horizontal) <= Hi(last, horizontal) + Touch)
                {
                    result[^1] = new Ruling(last.Union(r.Box), horizontal);
                    continue;
                }
            }
            result.Add(r);
        }
        return result;
    }

    // Rounded to the join tolerance so pieces of one rule sort together even when drawn a hair apart.
    private static double Round(double v) => Math.Round(v / SameLine) * SameLine;

    private static double Across(BoundingBox b, bool horizontal) => horizontal ? b.CenterY : b.CenterX;

    private static double Lo(BoundingBox b, bool horizontal) => horizontal ? b.X0 : b.Y0;

    private static double Hi(BoundingBox b, bool horizontal) => horizontal ? b.X1 : b.Y1;
}
