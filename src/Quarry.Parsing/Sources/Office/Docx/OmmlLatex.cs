using System.Text;
using DocumentFormat.OpenXml;

namespace Quarry.Parsing.Sources.Office.Docx;

/// <summary>
/// Office Math (OMML) to LaTeX, element by element: runs, fractions, sub/superscripts (also pre-scripts),
/// radicals, n-ary operators, delimiters, matrices, equation arrays, functions, accents, bars, lower/upper
/// limits, group characters and boxes. Anything else contributes its runs' text, so nothing is lost silently.
/// </summary>
internal static class OmmlLatex
{
    private static readonly Dictionary<string, string> NaryOperators = new()
    {
        ["∑"] = @"\sum", ["∏"] = @"\prod", ["∐"] = @"\coprod", ["∫"] = @"\int", ["∬"] = @"\iint", ["∭"] = @"\iiint",
        ["∮"] = @"\oint", ["⋃"] = @"\bigcup", ["⋂"] = @"\bigcap", ["⋁"] = @"\bigvee", ["⋀"] = @"\bigwedge",
    };

    private static readonly Dictionary<string, string> Accents = new()
    {
        ["\u0302"] = @"\hat", ["\u0303"] = @"\tilde", ["\u0307"] = @"\dot", ["\u0308"] = @"\ddot", ["\u20D7"] = @"\vec",
        ["\u0304"] = @"\bar", ["\u0305"] = @"\overline", ["\u0301"] = @"\acute", ["\u0300"] = @"\grave", ["\u030C"] = @"\check",
    };

    private static readonly HashSet<string> Functions =
        ["sin", "cos", "tan", "cot", "sec", "csc", "log", "ln", "exp", "lim", "max", "min", "sup", "inf", "det", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh"];

    public static string Convert(OpenXmlElement math) => Children(math).Trim();

    private static string Children(OpenXmlElement element)
    {
        var sb = new StringBuilder();
        foreach (var child in element.ChildElements)
        {
            Append(sb, Node(child));
        }
        return sb.ToString();
    }

    /// <summary>Joins pieces, with a space where a command word would otherwise run into letters.</summary>
    private static void Append(StringBuilder sb, string piece)
    {
        if (piece.Length == 0)
        {
            return;
        }
        if (sb.Length > 0 && char.IsLetter(piece[0]) && EndsWithCommand(sb))
        {
            sb.Append(' ');
        }
        sb.Append(piece);
    }

    private static bool EndsWithCommand(StringBuilder sb)
    {
        var i = sb.Length - 1;
        while (i >= 0 && char.IsLetter(sb[i]))
        {
            i--;
        }
        return i >= 0 && i < sb.Length - 1 && sb[i] == '\\';
    }

    private static string Node(OpenXmlElement e) => e.LocalName switch
    {
        "r" => Run(e),
        "f" => Fraction(e),
        "sSub" => Script(Part(e, "e"), Part(e, "sub"), null),
        "sSup" => Script(Part(e, "e"), null, Part(e, "sup")),
        "sSubSup" => Script(Part(e, "e"), Part(e, "sub"), Part(e, "sup")),
        "sPre" => "{}" + Scripts(Part(e, "sub"), Part(e, "sup")) + Group(Part(e, "e")),
        "rad" => Radical(e),
        "nary" => Nary(e),
        "d" => Delimiter(e),
        "m" => Matrix(e),
        "eqArr" => @"\begin{aligned}" + string.Join(@"\\", e.ChildElements.Where(c => c.LocalName == "e").Select(Children)) + @"\end{aligned}",
        "func" => Function(e),
        "acc" => Accent(e),
        "bar" => (Property(e, "barPr", "pos") == "top" ? @"\overline{" : @"\underline{") + Part(e, "e") + "}",
        "limLow" => Part(e, "e") + "_{" + Part(e, "lim") + "}",
        "limUp" => Part(e, "e") + "^{" + Part(e, "lim") + "}",
        "groupChr" => GroupChar(e),
        "box" or "borderBox" or "phant" or "e" or "oMath" => Children(e),
        "oMathPara" => string.Join(@"\\", e.ChildElements.Where(c => c.LocalName == "oMath").Select(Children)),
        // Properties carry no content; word-processing runs inside math (rare) keep their text.
        _ when e.LocalName.EndsWith("Pr", StringComparison.Ordinal) => "",
        _ => Symbols(e.InnerText),
    };

    private static string Run(OpenXmlElement run)
    {
        var text = string.Concat(run.ChildElements.Where(c => c.LocalName == "t").Select(t => t.InnerText));
        return Functions.Contains(text) ? @"\" + text : Symbols(text);
    }

    private static string Fraction(OpenXmlElement e)
    {
        var num = Part(e, "num");
        var den = Part(e, "den");
        return Property(e, "fPr", "type") switch
        {
            "lin" => Group(num) + "/" + Group(den),
            "noBar" => @"\genfrac{}{}{0pt}{}{" + num + "}{" + den + "}",
            _ => @"\frac{" + num + "}{" + den + "}",
        };
    }

    private static string Script(string body, string? sub, string? sup) => Group(body) + Scripts(sub, sup);

    private static string Scripts(string? sub, string? sup) =>
        (sub is null ? "" : "_{" + sub + "}") + (sup is null ? "" : "^{" + sup + "}");

    private static string Radical(OpenXmlElement e)
    {
        var degree = Part(e, "deg");
        return degree.Length == 0 || Property(e, "radPr", "degHide") is "1" or "on" or "true"
            ? @"\sqrt{" + Part(e, "e") + "}"
            : @"\sqrt[" + degree + "]{" + Part(e, "e") + "}";
    }

    private static string Nary(OpenXmlElement e)
    {
        // No chr means the integral (ECMA-376 22.1.2.20).
        var chr = Property(e, "naryPr", "chr") ?? "∫";
        var op = NaryOperators.GetValueOrDefault(chr, Symbols(chr));
        var sub = Property(e, "naryPr", "subHide") is "1" or "on" or "true" ? null : Part(e, "sub");
        var sup = Property(e, "naryPr", "supHide") is "1" or "on" or "true" ? null : Part(e, "sup");
        return op + (string.IsNullOrEmpty(sub) ? "" : "_{" + sub + "}") + (string.IsNullOrEmpty(sup) ? "" : "^{" + sup + "}") + " " + Part(e, "e");
    }

    private static string Delimiter(OpenXmlElement e)
    {
        var open = Property(e, "dPr", "begChr") ?? "(";
        var close = Property(e, "dPr", "endChr") ?? ")";
        var separator = Property(e, "dPr", "sepChr") ?? "|";
        var bar = Fence(separator, @"\mid");
        var inner = string.Join(char.IsLetter(bar[^1]) ? bar + " " : bar, e.ChildElements.Where(c => c.LocalName == "e").Select(Children));
        var left = Fence(open, ".");
        return @"\left" + left + (char.IsLetter(left[^1]) && inner.Length > 0 && char.IsLetterOrDigit(inner[0]) ? " " : "") + inner + @"\right" + Fence(close, ".");
    }

    private static string Fence(string chr, string empty) => chr switch
    {
        "" => empty,
        "{" => @"\{",
        "}" => @"\}",
        "⟨" or "〈" => @"\langle",
        "⟩" or "〉" => @"\rangle",
        "‖" => @"\|",
        "⌊" => @"\lfloor",
        "⌋" => @"\rfloor",
        "⌈" => @"\lceil",
        "⌉" => @"\rceil",
        "|" when empty == @"\mid" => @"\mid",
        _ => chr,
    };

    private static string Matrix(OpenXmlElement e)
    {
        var rows = e.ChildElements.Where(c => c.LocalName == "mr")
            .Select(r => string.Join(" & ", r.ChildElements.Where(c => c.LocalName == "e").Select(Children)));
        return @"\begin{matrix}" + string.Join(@"\\", rows) + @"\end{matrix}";
    }

    private static string Function(OpenXmlElement e)
    {
        var name = Part(e, "fName");
        return name + (name.StartsWith('\\') ? " " : "") + Part(e, "e");
    }

    private static string Accent(OpenXmlElement e)
    {
        var chr = Property(e, "accPr", "chr") ?? "\u0302";
        return Accents.GetValueOrDefault(chr, @"\hat") + "{" + Part(e, "e") + "}";
    }

    private static string GroupChar(OpenXmlElement e)
    {
        var chr = Property(e, "groupChrPr", "chr") ?? "\u23DF";
        var below = Property(e, "groupChrPr", "pos") != "top";
        return chr switch
        {
            "\u23DF" => @"\underbrace{" + Part(e, "e") + "}",
            "\u23DE" => @"\overbrace{" + Part(e, "e") + "}",
            _ => (below ? @"\underset{" : @"\overset{") + Symbols(chr) + "}{" + Part(e, "e") + "}",
        };
    }

    private static string Part(OpenXmlElement e, string name) =>
        e.ChildElements.FirstOrDefault(c => c.LocalName == name) is { } part ? Children(part) : "";

    /// <summary>The m:val of a property (e.g. dPr/begChr); null when absent, "" when present without a value.</summary>
    private static string? Property(OpenXmlElement e, string properties, string name)
    {
        var pr = e.ChildElements.FirstOrDefault(c => c.LocalName == properties);
        var prop = pr?.ChildElements.FirstOrDefault(c => c.LocalName == name);
        if (prop is null)
        {
            return null;
        }
        return prop.GetAttributes().FirstOrDefault(a => a.LocalName == "val").Value ?? "";
    }

    private static string Group(string body) => body.Length == 1 || (body.StartsWith('\\') && body.Skip(1).All(char.IsLetter)) ? body : "{" + body + "}";

    /// <summary>Math text to LaTeX: Greek letters and common operators as commands, reserved characters escaped.</summary>
    internal static string Symbols(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var command = MathSymbols.Command(c);
            if (command is null)
            {
                sb.Append(c);
                continue;
            }
            if (EndsWithCommand(sb) && command[0] != '\\')
            {
                sb.Append(' ');
            }
            sb.Append(command);
            if (command[0] == '\\' && char.IsLetter(command[^1]))
            {
                sb.Append(' ');
            }
        }
        return sb.ToString().TrimEnd();
    }
}
