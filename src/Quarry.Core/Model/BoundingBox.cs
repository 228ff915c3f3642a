namespace Quarry.Core.Model;

/// <summary>An axis-aligned box in PDF points with the origin at the page's top-left corner.</summary>
public readonly record struct BoundingBox(double X0, double Y0, double X1, double Y1)
{
    public double Width => X1 - X0;
    public double Height => Y1 - Y0;
    public double CenterX => (X0 + X1) / 2;
    public double CenterY => (Y0 + Y1) / 2;

    public BoundingBox Union(BoundingBox other) =>
        new(Math.Min(X0, other.X0), Math.Min(Y0, other.Y0), Math.Max(X1, other.X1), Math.Max(Y1, other.Y1));

    public double HorizontalOverlap(BoundingBox other) => Math.Max(0, Math.Min(X1, other.X1) - Math.Max(X0, other.X0));
    public double VerticalOverlap(BoundingBox other) => Math.Max(0, Math.Min(Y1, other.Y1) - Math.Max(Y0, other.Y0));

    public bool Contains(BoundingBox other, double tolerance = 0) =>
        other.X0 >= X0 - tolerance && other.X1 <= X1 + tolerance && other.Y0 >= Y0 - tolerance && other.Y1 <= Y1 + tolerance;

    public static BoundingBox UnionAll(IEnumerable<BoundingBox> boxes)
    {
        using var e = boxes.GetEnumerator();
        if (!e.MoveNext())
        {
            return default;
        }
        var box = e.Current;
        while (e.MoveNext())
        {
            box = box.Union(e.Current);
        }
        return box;
    }

    /// <summary>MinerU's content-list box: integers 0–1000 relative to the page size.</summary>
    public int[] ToPermille(double pageWidth, double pageHeight) =>
    [
        Scale(X0, pageWidth), Scale(Y0, pageHeight), Scale(X1, pageWidth), Scale(Y1, pageHeight),
    ];

    public double[] ToArray() => [Round(X0), Round(Y0), Round(X1), Round(Y1)];

    private static int Scale(double v, double size) => size <= 0 ? 0 : Math.Clamp((int)(v * 1000 / size), 0, 1000);
    private static double Round(double v) => Math.Round(v, 2);
}
