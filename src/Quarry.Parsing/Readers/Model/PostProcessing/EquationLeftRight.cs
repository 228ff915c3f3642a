using System.Text.RegularExpressions;

namespace Quarry.Parsing.Readers.Model.PostProcessing;

/// <summary>
/// Repairs <c>\left</c>/<c>\right</c> that have no partner (KaTeX fails the whole formula on one), as
/// mineru-vl-utils does: only when the counts differ and every <c>\begin{array}</c> has its <c>\end{array}</c>;
/// the formula is cut at <c>&amp;</c>, <c>\\</c> and array boundaries, each array cell is a span, and within a
/// span an unpaired <c>\left X</c> gets <c> \right.</c> and an unpaired <c>\right X</c> gets <c>\left. </c>.
/// Kept as VLU has it: its right-token pattern <c>\right.</c> matches <c>\right</c> plus any character (so
/// <c>\rightarrow</c> counts), the cut pieces are re-joined without their surrounding whitespace, and a formula
/// without arrays only repairs its first piece.
/// </summary>
internal static partial class EquationLeftRight
{
    // Regex sources of the counted tokens, in VLU's alternation order (order decides which alternative matches).
    private const string LeftTokens =
        @"\\left\\lbrace|\\left\\lVert|\\left\\lvert|\\left\\rvert|\\left\\rVert|\\left\\vert|\\left\\Vert|\\left\\lfloor|" +
        @"\\left\\lbrack|\\left\\langle|\\left\||\\left\\\||\\left\[|\\left\]|\\left\(|\\left\\\{|\\left\\\}|\\left\.";

    private const string RightTokens =
        @"\\right\\rbrace|\\right\\lVert|\\right\\lvert|\\right\\rvert|\\right\\rVert|\\right\\vert|\\right\\Vert|\\right\\rfloor|" +
        @"\\right\\rbrack|\\right\\rangle|\\right\||\\right\\\||\\right\]|\\right\[|\\right\)|\\right\\\}|\\right\\\{|\\right.";

    [GeneratedRegex(LeftTokens)]
    private static partial Regex Left();

    [GeneratedRegex(RightTokens)]
    private static partial Regex Right();

    [GeneratedRegex("(" + LeftTokens + "|" + RightTokens + ")")]
    private static partial Regex LeftOrRight();

    [GeneratedRegex(@"(&|\\\\|\\begin\{array\}[" + PyText.SpaceClass + @"]*\{[a-zA-Z" + PyText.SpaceClass + @"]*\}|\\end\{array\})")]
    private static partial Regex Delimiters();

    private const string BeginArray = @"\begin{array}";
    private const string EndArray = @"\end{array}";
    private const string RowBreak = @"\\";

    /// <summary>Each left token that pairs, and the right token it pairs with (any of them also pairs with <c>\right.</c>).</summary>
    private static readonly Dictionary<string, string> Pairs = new(StringComparer.Ordinal)
    {
        [@"\left\lbrace"] = @"\right\rbrace",
        [@"\left\lVert"] = @"\right\lVert",
        [@"\left\lvert"] = @"\right\lvert",
        [@"\left\vert"] = @"\right\vert",
        [@"\left\Vert"] = @"\right\Vert",
        [@"\left\lfloor"] = @"\right\rfloor",
        [@"\left\lbrack"] = @"\right\rbrack",
        [@"\left\langle"] = @"\right\rangle",
        [@"\left|"] = @"\right|",
        [@"\left\|"] = @"\right\|",
        [@"\left["] = @"\right]",
        [@"\left]"] = @"\right[",
        [@"\left("] = @"\right)",
        [@"\left)"] = @"\right(",
        [@"\left\{"] = @"\right\}",
        [@"\left\}"] = @"\right\{",
        [@"\left/"] = @"\right/",
    };

    private static readonly HashSet<string> ValidLeft =
    [
        @"\left\lbrace", @"\left\lVert", @"\left\lvert", @"\left\rvert", @"\left\rVert", @"\left\vert", @"\left\Vert",
        @"\left\lfloor", @"\left\lbrack", @"\left\langle", @"\left|", @"\left\|", @"\left[", @"\left]", @"\left(",
        @"\left)", @"\left\{", @"\left\}", @"\left.", @"\left/",
    ];

    private static readonly HashSet<string> ValidRight =
    [
        @"\right\rbrace", @"\right\lVert", @"\right\lvert", @"\right\rvert", @"\right\rVert", @"\right\vert", @"\right\Vert",
        @"\right\rfloor", @"\right\rbrack", @"\right\rangle", @"\right|", @"\right\|", @"\right]", @"\right[", @"\right)",
        @"\right(", @"\right\}", @"\right\{", @"\right.", @"\right/",
    ];

    private static readonly HashSet<string> PairedRight = [.. Pairs.Values];

    public static string Fix(string latex)
    {
        if (Left().Count(latex) == Right().Count(latex))
        {
            return latex;
        }
        if (PyText.Count(latex, BeginArray) != PyText.Count(latex, EndArray))
        {
            return latex;
        }

        var nodes = Delimiters().Split(PyText.Strip(latex)).Where(n => n.Length > 0).Select(PyText.Strip).ToList();
        if (FindArrays(nodes) is not { } arrays)
        {
            return latex;
        }
        // Outermost first (most contained arrays), stable like Python's sort.
        arrays = [.. arrays.OrderByDescending(a => a.Contained.Count)];
        var tags = TagNodes(nodes, arrays);
        return string.Concat(RepairSpans(nodes, tags));
    }

    private sealed record ArrayRange(int Tag, int Start, int End)
    {
        public List<int> Contained { get; } = [];
    }

    /// <summary>Array environments by node index, or null when begin/end are out of order.</summary>
    private static List<ArrayRange>? FindArrays(List<string> nodes)
    {
        var open = new Stack<(int Tag, int Start)>();
        var arrays = new List<ArrayRange>();
        var tag = 0;
        for (var i = 0; i < nodes.Count; i++)
        {
            if (nodes[i].Contains(BeginArray, StringComparison.Ordinal))
            {
                open.Push((++tag, i));
            }
            else if (nodes[i] == EndArray)
            {
                if (open.Count == 0)
                {
                    return null;
                }
                var (t, start) = open.Pop();
                arrays.Add(new ArrayRange(t, start, i));
            }
        }
        if (open.Count > 0)
        {
            return null;
        }
        foreach (var outer in arrays)
        {
            foreach (var inner in arrays)
            {
                if (!ReferenceEquals(outer, inner) && outer.Start < inner.Start && outer.End > inner.End)
                {
                    outer.Contained.Add(inner.Tag);
                }
            }
        }
        return arrays;
    }

    /// <summary>
    /// The span of each node: (array, cell index) for nodes inside an array (innermost array wins through the
    /// masking of contained arrays), null outside. Without arrays VLU yields a single null tag, which limits the
    /// repair to the first node.
    /// </summary>
    private static List<(int Tag, int Cell)?> TagNodes(List<string> nodes, List<ArrayRange> arrays)
    {
        if (arrays.Count == 0)
        {
            return [null];
        }
        var byTag = arrays.ToDictionary(a => a.Tag);
        var perArray = new List<(int Tag, int Cell)?[]>();
        foreach (var array in arrays)
        {
            var masked = nodes.Select(n => (string?)n).ToArray();
            foreach (var contained in array.Contained)
            {
                var inner = byTag[contained];
                for (var i = inner.Start; i <= inner.End; i++)
                {
                    masked[i] = null;
                }
            }
            for (var i = 0; i < masked.Length; i++)
            {
                if (i < array.Start || i > array.End)
                {
                    masked[i] = null;
                }
            }
            var tags = new (int, int)?[nodes.Count];
            var cell = 0;
            for (var i = 0; i < masked.Length; i++)
            {
                if (masked[i] is "&" or RowBreak)
                {
                    cell++;
                }
                else if (masked[i] is not null)
                {
                    tags[i] = (array.Tag, cell);
                }
            }
            perArray.Add(tags);
        }
        return [.. Enumerable.Range(0, nodes.Count).Select(i => perArray.Select(t => t[i]).FirstOrDefault(t => t is not null))];
    }

    private static bool IsSpanNode(string node) =>
        node is not ("&" or RowBreak) && !node.Contains(BeginArray, StringComparison.Ordinal) && !node.Contains(EndArray, StringComparison.Ordinal);

    private static List<string> RepairSpans(List<string> nodes, List<(int Tag, int Cell)?> tags)
    {
        var result = new List<string>(nodes);
        var spanNodes = Enumerable.Range(0, tags.Count).Where(i => IsSpanNode(nodes[i])).ToList();
        foreach (var span in spanNodes.Select(i => tags[i]).Distinct())
        {
            var members = spanNodes.Where(i => tags[i] == span).ToList();
            var left = members.Sum(i => Left().Count(nodes[i]));
            var right = members.Sum(i => Right().Count(nodes[i]));
            if (left == right)
            {
                continue;
            }
            var pieces = members
                .Select(i => LeftOrRight().Split(nodes[i]).Where(p => !PyText.IsBlank(p)).ToList())
                .ToList();
            foreach (var (node, piece) in Unpaired(pieces))
            {
                var token = pieces[node][piece];
                if (token.Contains(@"\left", StringComparison.Ordinal))
                {
                    pieces[node][piece] = token + @" \right.";
                }
                else if (token.Contains(@"\right", StringComparison.Ordinal))
                {
                    pieces[node][piece] = @"\left. " + token;
                }
            }
            for (var k = 0; k < members.Count; k++)
            {
                result[members[k]] = string.Concat(pieces[k]);
            }
        }
        return result;
    }

    /// <summary>Positions of the left/right tokens left on the stack after pairing, in stack order.</summary>
    private static List<(int Node, int Piece)> Unpaired(List<List<string>> pieces)
    {
        var stack = new List<(string Token, int Node, int Piece)>();
        for (var n = 0; n < pieces.Count; n++)
        {
            for (var p = 0; p < pieces[n].Count; p++)
            {
                var token = pieces[n][p];
                if (!ValidLeft.Contains(token) && !ValidRight.Contains(token))
                {
                    continue;
                }
                if (stack.Count > 0 && IsPair(stack[^1].Token, token))
                {
                    stack.RemoveAt(stack.Count - 1);
                }
                else
                {
                    stack.Add((token, n, p));
                }
            }
        }
        return [.. stack.Select(s => (s.Node, s.Piece))];
    }

    private static bool IsPair(string left, string right)
    {
        if (left == @"\left.")
        {
            return right == @"\right." || PairedRight.Contains(right);
        }
        return Pairs.TryGetValue(left, out var partner) && (right == partner || right == @"\right.");
    }
}
