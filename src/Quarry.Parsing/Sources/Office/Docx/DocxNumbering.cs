using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;

namespace Quarry.Parsing.Sources.Office.Docx;

/// <summary>One numbered paragraph: its depth, whether it is numbered or bulleted, and its number.</summary>
internal sealed record ListMark(string NumId, int Level, bool Ordered, int Number, string Label);

/// <summary>
/// Word's list numbering: a <c>w:num</c> points to an abstract definition whose levels give the format and
/// start. Counters belong to the abstract definition, so two <c>w:num</c> sharing it continue one sequence
/// (Word's "continue numbering"), and a <c>w:startOverride</c> restarts it when its <c>w:num</c> is first used.
/// </summary>
internal sealed class DocxNumbering
{
    private readonly Dictionary<string, OpenXmlElement> _nums = [];
    private readonly Dictionary<string, OpenXmlElement> _abstracts = [];
    private readonly Dictionary<string, int[]> _counters = [];
    private readonly HashSet<string> _started = [];

    public DocxNumbering(MainDocumentPart main)
    {
        var root = main.NumberingDefinitionsPart?.Numbering;
        if (root is null)
        {
            return;
        }
        foreach (var a in root.Children("abstractNum"))
        {
            if (a.Attr("abstractNumId") is { } id)
            {
                _abstracts[id] = a;
            }
        }
        foreach (var n in root.Children("num"))
        {
            if (n.Attr("numId") is { } id)
            {
                _nums[id] = n;
            }
        }
    }

    /// <summary>The next mark of list <paramref name="numId"/> at <paramref name="level"/>; null when the id names no list.</summary>
    public ListMark? Next(string numId, int level)
    {
        if (numId == "0" || !_nums.TryGetValue(numId, out var num) || num.Child("abstractNumId")?.Attr("val") is not { } abstractId
            || !_abstracts.TryGetValue(abstractId, out var definition))
        {
            return null;
        }
        level = Math.Clamp(level, 0, 8);
        var counters = _counters.TryGetValue(abstractId, out var c) ? c : _counters[abstractId] = Starts(definition, num);
        if (_started.Add(numId) && num.Children("lvlOverride").Any(o => o.Child("startOverride") is not null))
        {
            var restarted = Starts(definition, num);
            Array.Copy(restarted, counters, counters.Length);
        }
        counters[level]++;
        // A deeper level restarts under each new item above it.
        var fresh = Starts(definition, num);
        for (var deeper = level + 1; deeper < counters.Length; deeper++)
        {
            counters[deeper] = fresh[deeper];
        }
        var format = Level(definition, level)?.Child("numFmt")?.Attr("val") ?? "decimal";
        var ordered = format is not ("bullet" or "none");
        return new ListMark(numId, level, ordered, counters[level], ordered ? Format(counters[level], format) + "." : "-");
    }

    /// <summary>Each level's counter before its first item: start - 1 (start from the override where there is one).</summary>
    private static int[] Starts(OpenXmlElement definition, OpenXmlElement num)
    {
        var counters = new int[9];
        for (var l = 0; l < 9; l++)
        {
            var start = Level(definition, l)?.Child("start")?.Attr("val");
            var over = num.Children("lvlOverride").FirstOrDefault(o => o.Attr("ilvl") == l.ToString(CultureInfo.InvariantCulture))
                ?.Child("startOverride")?.Attr("val");
            counters[l] = (int.TryParse(over ?? start, out var s) ? s : 1) - 1;
        }
        return counters;
    }

    private static OpenXmlElement? Level(OpenXmlElement definition, int level) =>
        definition.Children("lvl").FirstOrDefault(l => l.Attr("ilvl") == level.ToString(CultureInfo.InvariantCulture));

    private static string Format(int n, string format) => format switch
    {
        "lowerLetter" => Letters(n).ToLowerInvariant(),
        "upperLetter" => Letters(n),
        "lowerRoman" => Roman(n).ToLowerInvariant(),
        "upperRoman" => Roman(n),
        _ => n.ToString(CultureInfo.InvariantCulture),
    };

    private static string Letters(int n) => n <= 0 ? "" : new string((char)('A' + ((n - 1) % 26)), ((n - 1) / 26) + 1);

    private static string Roman(int n)
    {
        if (n <= 0 || n >= 4000)
        {
            return n.ToString(CultureInfo.InvariantCulture);
        }
        (int Value, string Digits)[] table = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")];
        var sb = new System.Text.StringBuilder();
        foreach (var (value, digits) in table)
        {
            while (n >= value)
            {
                sb.Append(digits);
                n -= value;
            }
        }
        return sb.ToString();
    }
}
