using System.Text.Json;
using Quarry.Core.Model;

namespace Quarry.ModelStandIn;

/// <summary>
/// A PDF the stand-in can answer for: each page's blocks from Quarry's text-layer parse, relabelled the way
/// MinerU2.5 labels them, with the answers from the corpus truth (truth.json beside the PDF) where it has them
/// (tables, equations) and the text layer otherwise; and page renders to recognise the client's images by.
/// </summary>
public sealed class KnownDocument
{
    /// <summary>Page renders for recognition: fine enough that a one-line crop keeps its shape.</summary>
    private const int RenderDpi = 100;
    public const int PageThumbnail = 32;
    public const int BlockThumbnail = 24;

    private KnownDocument(string name, IReadOnlyList<KnownPage> pages)
    {
        Name = name;
        Pages = pages;
    }

    public string Name { get; }
    public IReadOnlyList<KnownPage> Pages { get; }

    public static KnownDocument Load(string pdfPath)
    {
        var full = Path.GetFullPath(pdfPath);
        // Corpus documents are doc.pdf in a folder named after them.
        var name = Path.GetFileNameWithoutExtension(full) == "doc" ? Path.GetFileName(Path.GetDirectoryName(full))! : Path.GetFileNameWithoutExtension(full);
        var bytes = File.ReadAllBytes(full);
        var parsed = QuarryEngine.Parse(bytes, name);
        var answers = new TruthAnswers(Path.Combine(Path.GetDirectoryName(full)!, "truth.json"), parsed);
        var pages = parsed.Pages.Select(p => new KnownPage(name, p.PageIndex, p.Width, p.Height, MineruLayout.Blocks(p, answers))).ToList();
        var renders = QuarryEngine.Render(bytes, pages.Count == 0 ? 0 : pages.Max(p => p.Index) + 1, RenderDpi);
        foreach (var page in pages)
        {
            var render = renders[page.Index];
            page.Thumbnail = render.Thumbnail(PageThumbnail);
            var scale = RenderDpi / 72.0;
            foreach (var block in page.Blocks)
            {
                var ink = render.Crop((int)(block.Box.X0 * scale), (int)(block.Box.Y0 * scale), (int)Math.Ceiling(block.Box.X1 * scale), (int)Math.Ceiling(block.Box.Y1 * scale)).TrimPaper();
                block.InkAspect = ink.Aspect;
                block.Signature = ink.Thumbnail(BlockThumbnail);
            }
        }
        return new KnownDocument(name, pages);
    }
}

/// <summary>The truth's tables and equations, handed to the blocks that show them.</summary>
internal sealed class TruthAnswers
{
    private readonly List<(string Caption, List<List<string>> Cells)> _tables = [];
    private readonly List<string> _equations = [];
    private readonly List<Block> _tableBlocks;
    private readonly List<Block> _equationBlocks;

    public TruthAnswers(string truthPath, ParsedDocument parsed)
    {
        _tableBlocks = [.. parsed.BodyBlocks.Where(b => b.Type == BlockType.Table)];
        _equationBlocks = [.. parsed.BodyBlocks.Where(b => b.Type == BlockType.Equation)];
        if (!File.Exists(truthPath))
        {
            return;
        }
        using var truth = JsonDocument.Parse(File.ReadAllBytes(truthPath));
        if (truth.RootElement.TryGetProperty("tables", out var tables))
        {
            foreach (var t in tables.EnumerateArray())
            {
                var caption = t.TryGetProperty("caption", out var c) ? c.GetString() ?? "" : "";
                var cells = t.TryGetProperty("cells", out var rows)
                    ? rows.EnumerateArray().Select(r => r.EnumerateArray().Select(x => x.ToString()).ToList()).ToList()
                    : [];
                _tables.Add((caption, cells));
            }
        }
        if (truth.RootElement.TryGetProperty("equations", out var equations))
        {
            _equations.AddRange(equations.EnumerateArray().Select(e => e.GetString() ?? ""));
        }
    }

    /// <summary>OTSL for a table block: the truth table with its caption, else the one at its position when the counts agree, else the text layer's cells.</summary>
    public string Table(Block block)
    {
        var byCaption = _tables.FindIndex(t => t.Caption.Length > 0 && block.Captions.Any(c => Same(c, t.Caption)));
        var index = byCaption >= 0 ? byCaption : _tables.Count == _tableBlocks.Count ? _tableBlocks.IndexOf(block) : -1;
        if (index >= 0)
        {
            return Otsl.From(_tables[index].Cells);
        }
        return block.Table is { } table ? Otsl.From(table.Rows) : block.Text;
    }

    /// <summary>LaTeX for an equation block: the truth's equation at its position when the counts agree, else its text.</summary>
    public string Equation(Block block) =>
        _equations.Count == _equationBlocks.Count && _equationBlocks.IndexOf(block) is var i and >= 0 ? _equations[i] : block.Text;

    private static bool Same(string a, string b) =>
        string.Equals(string.Join(' ', a.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)),
            string.Join(' ', b.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
}
