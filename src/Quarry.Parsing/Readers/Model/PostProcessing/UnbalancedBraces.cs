using System.Text;

namespace Quarry.Parsing.Readers.Model.PostProcessing;

/// <summary>Drops every <c>{</c> or <c>}</c> that has no partner (escaped braces, after an odd run of backslashes, are text).</summary>
internal static class UnbalancedBraces
{
    public static string Fix(string latex)
    {
        var open = new Stack<int>();
        var unmatched = new HashSet<int>();
        for (var i = 0; i < latex.Length; i++)
        {
            if (latex[i] is not ('{' or '}'))
            {
                continue;
            }
            var backslashes = 0;
            for (var j = i - 1; j >= 0 && latex[j] == '\\'; j--)
            {
                backslashes++;
            }
            if (backslashes % 2 == 1)
            {
                continue;
            }
            if (latex[i] == '{')
            {
                open.Push(i);
            }
            else if (open.Count > 0)
            {
                open.Pop();
            }
            else
            {
                unmatched.Add(i);
            }
        }
        unmatched.UnionWith(open);
        if (unmatched.Count == 0)
        {
            return latex;
        }
        var sb = new StringBuilder(latex.Length);
        for (var i = 0; i < latex.Length; i++)
        {
            if (!unmatched.Contains(i))
            {
                sb.Append(latex[i]);
            }
        }
        return sb.ToString();
    }
}
