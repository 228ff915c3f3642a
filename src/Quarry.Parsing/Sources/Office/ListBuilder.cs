using Quarry.Core.Model;
using Quarry.Parsing.Sources.Office.Docx;

namespace Quarry.Parsing.Sources.Office;

/// <summary>
/// Gathers consecutive list paragraphs into one list block. Top-level items are the block's items; a nested
/// item is folded into its parent item's text as an indented Markdown list line ("    - child",
/// "    2. child"), which renders as a nested list. An ordered list keeps its first number, so numbering that
/// resumes after an interruption shows its real numbers.
/// </summary>
internal sealed class ListBuilder
{
    private readonly List<string> _items = [];
    private string? _numId;
    private bool _ordered;
    private int _start = 1;
    private int _baseLevel;

    /// <summary>Adds an item; false when it belongs to another list (the caller flushes and adds again).</summary>
    public bool Add(ListMark mark, string text)
    {
        if (_items.Count > 0 && mark.Level <= _baseLevel && (mark.NumId != _numId || mark.Ordered != _ordered))
        {
            return false;
        }
        if (_items.Count == 0 || mark.Level <= _baseLevel)
        {
            if (_items.Count == 0)
            {
                _numId = mark.NumId;
                _ordered = mark.Ordered;
                _start = mark.Ordered ? mark.Number : 1;
                _baseLevel = mark.Level;
            }
            _items.Add(text);
            return true;
        }
        _items[^1] += "\n" + new string(' ', 4 * (mark.Level - _baseLevel)) + mark.Label + " " + text;
        return true;
    }

    /// <summary>Adds a plain item (a slide's bullet) at a depth.</summary>
    public bool Add(int level, bool ordered, int number, string text) =>
        Add(new ListMark("", level, ordered, number, ordered ? number + "." : "-"), text);

    public Block? Take()
    {
        if (_items.Count == 0)
        {
            return null;
        }
        var block = OfficeBlocks.List([.. _items], _ordered, _start);
        _items.Clear();
        return block;
    }
}
