namespace Quarry.Cli.Commands;

/// <summary>A small, strict argument reader: named options (<c>-o X</c>, <c>--out=X</c>), flags, positionals. Unknown options are errors.</summary>
public sealed class ArgReader
{
    private readonly List<string> _positionals = [];
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _all = new(StringComparer.Ordinal);

    public ArgReader(IEnumerable<string> args, IReadOnlyDictionary<string, string> aliases, IReadOnlySet<string> valued, IReadOnlySet<string> flags)
    {
        using var e = args.GetEnumerator();
        var onlyPositionals = false;
        while (e.MoveNext())
        {
            var a = e.Current;
            if (onlyPositionals || a == "-" || !a.StartsWith('-'))
            {
                _positionals.Add(a);
                continue;
            }
            if (a == "--")
            {
                onlyPositionals = true;
                continue;
            }
            string name = a;
            string? value = null;
            var eq = a.IndexOf('=', StringComparison.Ordinal);
            if (a.StartsWith("--", StringComparison.Ordinal) && eq > 0)
            {
                name = a[..eq];
                value = a[(eq + 1)..];
            }
            name = aliases.TryGetValue(name, out var canonical) ? canonical : name;
            if (flags.Contains(name))
            {
                _options[name] = value ?? "true";
            }
            else if (valued.Contains(name))
            {
                if (value is null)
                {
                    if (!e.MoveNext())
                    {
                        throw new UsageException($"option {name} needs a value");
                    }
                    value = e.Current;
                }
                _options[name] = value;
                (_all.TryGetValue(name, out var list) ? list : _all[name] = []).Add(value);
            }
            else
            {
                throw new UsageException($"unknown option {a}");
            }
        }
    }

    public IReadOnlyList<string> Positionals => _positionals;

    public string? Get(string name) => _options.GetValueOrDefault(name);

    /// <summary>Every value a repeatable option was given, in order.</summary>
    public IReadOnlyList<string> GetAll(string name) => _all.TryGetValue(name, out var list) ? list : [];

    public bool Flag(string name) => _options.TryGetValue(name, out var v) && v is not ("false" or "0");

    public int GetInt(string name, int fallback)
    {
        var v = Get(name);
        if (v is null)
        {
            return fallback;
        }
        return int.TryParse(v, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new UsageException($"option {name} expects an integer, got '{v}'");
    }
}

public sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException()
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
