namespace Quarry.Core.Model;

/// <summary>
/// One typed region of a page. Text-like blocks carry <see cref="Lines"/>; the text they contribute to
/// the document (hyphenation removed, lines joined) is <see cref="Text"/>. Visual blocks carry their
/// own payload (table HTML, image file, list items, code).
/// </summary>
public sealed class Block
{
    public required BlockType Type { get; set; }
    public required BoundingBox BoundingBox { get; set; }
    public IReadOnlyList<Line> Lines { get; init; } = [];

    /// <summary>Normalized text: a paragraph's joined lines, a title, an equation's LaTeX, furniture text.</summary>
    public string Text { get; set; } = "";

    /// <summary>Title level, 1 = top.</summary>
    public int Level { get; set; }

    public IReadOnlyList<string> ListItems { get; init; } = [];
    public bool Ordered { get; init; }

    /// <summary>An ordered list's first number (a list that resumes its numbering after an interruption starts above 1).</summary>
    public int ListStart { get; init; } = 1;

    /// <summary>For a list: the index in <see cref="Lines"/> of each item's first line (MinerU's is_list_start_line).</summary>
    public IReadOnlyList<int> ListItemLineStarts { get; init; } = [];

    public string? CodeLanguage { get; init; }

    /// <summary>A table's cells; its HTML is derived from them.</summary>
    public TableData? Table { get; set; }

    private readonly string? _tableHtml;

    /// <summary>The table as HTML: derived from <see cref="Table"/>, or given as is (a table read back from JSON).</summary>
    public string? TableHtml
    {
        get => Table?.ToHtml() ?? _tableHtml;
        init => _tableHtml = value;
    }

    /// <summary>Image file name under images/ (figures, and table crops where present).</summary>
    public string? ImageName { get; set; }

    public List<string> Captions { get; } = [];
    public List<string> Footnotes { get; } = [];
    public List<BoundingBox> CaptionBoxes { get; } = [];

    /// <summary>Set on a paragraph whose text continues the previous page's last paragraph.</summary>
    public bool ContinuesPrevious { get; set; }

    /// <summary>When this block absorbed a continuation, the combined text for Markdown/content lists.</summary>
    public string? MergedText { get; set; }

    /// <summary>Set on a block whose content was merged into an earlier one (MinerU's lines_deleted).</summary>
    public bool MergedIntoPrevious { get; set; }

    /// <summary>The blocks merged into this one, in order: their lines join this block's in <c>para_blocks</c>.</summary>
    public List<Block> Continuations { get; } = [];

    public string DocumentText => MergedText ?? Text;

    /// <summary>
    /// The text as Markdown already (escaped, with emphasis such as <c>**bold**</c>), for readers that know the
    /// runs' formatting (Office documents); the writers use it instead of escaping <see cref="DocumentText"/>.
    /// </summary>
    public string? MarkdownText { get; init; }

    /// <summary>Layout hints kept for document-level decisions (heading levels); not written out.</summary>
    public double FontSize { get; set; }

    /// <summary>For a title found in the PDF's outline: its level there (1 = top).</summary>
    public int? OutlineLevel { get; set; }
    public bool IsBold { get; set; }
}
