using Quarry.Parsing.Readers;

namespace Quarry.Parsing.Layout;

/// <summary>Document-wide typography: the body text size that headings are measured against.</summary>
public sealed record DocumentStyle(double BodySize)
{
    public static DocumentStyle Default { get; } = new(10);

    /// <summary>The body size is the size (to 0.5 pt) that carries the most characters.</summary>
    public static DocumentStyle From(IEnumerable<PageContent> pages)
    {
        var weights = new Dictionary<double, long>();
        foreach (var page in pages)
        {
            foreach (var w in page.Words)
            {
                var key = Math.Round(w.FontSize * 2) / 2;
                weights[key] = weights.GetValueOrDefault(key) + w.Text.Length;
            }
        }
        return weights.Count == 0 ? Default : new DocumentStyle(weights.MaxBy(kv => kv.Value).Key);
    }
}
