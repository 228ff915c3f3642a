using Quarry.Core.Output;

namespace Quarry.Cli.Commands;

/// <summary>
/// The output name of each input of one run. Inputs whose names would share an output folder (<c>scan.pdf</c>
/// and <c>scan.png</c>, or the same file name in two folders) would overwrite each other's files while parsed
/// in parallel; each of those takes its extension into its name instead (<c>scan_pdf</c>, <c>scan_png</c>),
/// and any clash left after that gets a counter, so no input's output is lost.
/// </summary>
public static class OutputNames
{
    public static Dictionary<string, string> Assign(IReadOnlyList<string> inputs, OutputLayout layout)
    {
        var plain = inputs.Distinct().ToDictionary(i => i, i => OutputFolders.Name(i, layout, Basename.From(i)));
        var clashing = plain.GroupBy(p => p.Value, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).SelectMany(g => g.Select(p => p.Key)).ToHashSet();
        var taken = new HashSet<string>(plain.Where(p => !clashing.Contains(p.Key)).Select(p => p.Value), StringComparer.OrdinalIgnoreCase);
        var names = new Dictionary<string, string>();
        foreach (var input in inputs.Distinct())
        {
            var name = plain[input];
            if (clashing.Contains(input))
            {
                var extension = Path.GetExtension(input).TrimStart('.');
                name = extension.Length > 0 ? $"{name}_{Basename.From(extension)}" : name;
                name = Unique(name, taken);
            }
            names[input] = name;
        }
        return names;
    }

    /// <summary>Only the inputs <see cref="Assign"/> renames, for hosts that otherwise keep their own naming (batch).</summary>
    public static Dictionary<string, string> Renamed(IReadOnlyList<string> inputs, OutputLayout layout) =>
        Assign(inputs, layout).Where(p => p.Value != OutputFolders.Name(p.Key, layout, Basename.From(p.Key))).ToDictionary();

    private static string Unique(string name, HashSet<string> taken)
    {
        var candidate = name;
        for (var n = 2; !taken.Add(candidate); n++)
        {
            candidate = $"{name}_{n}";
        }
        return candidate;
    }
}
