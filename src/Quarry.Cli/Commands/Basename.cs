using System.Text;

namespace Quarry.Cli.Commands;

/// <summary>The output stem for an input: its file name without extension, limited to safe characters.</summary>
public static class Basename
{
    public static string From(string path)
    {
        var stem = Path.GetFileNameWithoutExtension(path);
        var sb = new StringBuilder(stem.Length);
        foreach (var c in stem)
        {
            sb.Append(char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        }
        var s = sb.ToString().Trim('.');
        if (s.Length > 128)
        {
            s = s[..128];
        }
        return s.Length == 0 ? "doc" : s;
    }
}
