using System.Text.RegularExpressions;

namespace Quarry.Parsing.Sources;

/// <summary>The few PDF dictionary entries <see cref="StructureCheck"/> reads, as patterns over raw object text.</summary>
internal static partial class StructurePatterns
{
    [GeneratedRegex(@"/Type\s*/ObjStm(?![A-Za-z])")]
    public static partial Regex ObjectStream();

    [GeneratedRegex(@"/Type\s*/XRef(?![A-Za-z])")]
    public static partial Regex XRefStream();

    [GeneratedRegex(@"/Filter\s*(\[\s*)?/FlateDecode\s*\]?")]
    public static partial Regex Flate();

    [GeneratedRegex(@"/First\s+(\d+)")]
    public static partial Regex First();

    [GeneratedRegex(@"/Size\s+(\d+)")]
    public static partial Regex Size();

    [GeneratedRegex(@"/Index\s*\[([^\]]*)\]")]
    public static partial Regex Index();

    [GeneratedRegex(@"/Kids\s*\[([^\]]*)\]")]
    public static partial Regex Kids();

    [GeneratedRegex(@"/Root\s+(\d+)\s+\d+\s+R")]
    public static partial Regex Root();

    [GeneratedRegex(@"/Pages\s+(\d+)\s+\d+\s+R")]
    public static partial Regex Pages();

    [GeneratedRegex(@"(\d+)\s+\d+\s+R")]
    public static partial Regex Reference();

    [GeneratedRegex(@"\d+")]
    public static partial Regex Integer();
}
