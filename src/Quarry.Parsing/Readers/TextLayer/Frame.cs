using Quarry.Core.Model;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;

namespace Quarry.Parsing.Readers.TextLayer;

/// <summary>
/// Maps PdfPig's display space (origin bottom-left of the displayed crop box, y up) to page space (origin
/// top-left, y down), first turning it by a quarter-turn count when the page's text runs turned: a
/// landscape table stored on a portrait page (or a page whose /Rotate leaves its text sideways) is read
/// in the orientation its text reads in, not one letter per line.
/// </summary>
internal readonly record struct Frame(double Width, double Height, int Turns)
{
    /// <summary>Width of the page as read (after the turn).</summary>
    public double ReadWidth => Turns % 2 == 0 ? Width : Height;

    /// <summary>Height of the page as read (after the turn).</summary>
    public double ReadHeight => Turns % 2 == 0 ? Height : Width;

    /// <summary>A display-space point turned so that the dominant text runs left to right (still y up).</summary>
    public PdfPoint Turn(PdfPoint p) => Turns switch
    {
        1 => new PdfPoint(p.Y, Width - p.X),          // text ran upwards: turn clockwise
        2 => new PdfPoint(Width - p.X, Height - p.Y), // upside down
        3 => new PdfPoint(Height - p.Y, p.X),         // text ran downwards: turn counter-clockwise
        _ => p,
    };

    /// <summary>A y (y up, after the turn) as a distance from the top of the page as read.</summary>
    public double FromTop(double y) => ReadHeight - y;

    public BoundingBox Map(PdfRectangle r)
    {
        if (Turns == 0)
        {
            return new BoundingBox(r.Left, Height - r.Top, r.Right, Height - r.Bottom);
        }
        var a = Turn(new PdfPoint(r.Left, r.Bottom));
        var b = Turn(new PdfPoint(r.Right, r.Top));
        return new BoundingBox(Math.Min(a.X, b.X), FromTop(Math.Max(a.Y, b.Y)), Math.Max(a.X, b.X), FromTop(Math.Min(a.Y, b.Y)));
    }

    /// <summary>
    /// The turn that makes most of the page's letters run left to right: read from each letter's baseline
    /// direction, and only when a clear majority of the letters agrees on a direction other than upright.
    /// </summary>
    public static Frame For(double width, double height, IReadOnlyList<Letter> letters)
    {
        Span<int> votes = stackalloc int[4];
        foreach (var l in letters)
        {
            var dx = l.EndBaseLine.X - l.StartBaseLine.X;
            var dy = l.EndBaseLine.Y - l.StartBaseLine.Y;
            if (Math.Abs(dx) < 1e-6 && Math.Abs(dy) < 1e-6)
            {
                continue;
            }
            // 0: rightwards, 1: upwards, 2: leftwards, 3: downwards.
            votes[Math.Abs(dx) >= Math.Abs(dy) ? (dx > 0 ? 0 : 2) : (dy > 0 ? 1 : 3)]++;
        }
        var total = votes[0] + votes[1] + votes[2] + votes[3];
        var best = 0;
        for (var i = 1; i < 4; i++)
        {
            if (votes[i] > votes[best])
            {
                best = i;
            }
        }
        var turns = best != 0 && votes[best] > 0.6 * total ? best : 0;
        return new Frame(width, height, turns);
    }
}
