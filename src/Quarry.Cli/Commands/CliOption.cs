using System.CommandLine;
using System.Globalization;

namespace Quarry.Cli.Commands;

/// <summary>Option shapes every command shares, so their values and error messages read the same everywhere.</summary>
internal static class CliOption
{
    /// <summary>An integer option with a default; a bad value is a usage error naming the option and what it got.</summary>
    public static Option<int> Int(string name, string helpName, string description, int fallback, params string[] aliases) => new(name, aliases)
    {
        Description = description,
        HelpName = helpName,
        DefaultValueFactory = _ => fallback,
        CustomParser = r =>
        {
            var value = r.Tokens[0].Value;
            if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
            {
                return n;
            }
            r.AddError($"option {name} expects an integer, got '{value}'");
            return fallback;
        },
    };

    /// <summary>A text option with no default (null when not given).</summary>
    public static Option<string> Text(string name, string helpName, string description, params string[] aliases) => new(name, aliases)
    {
        Description = description,
        HelpName = helpName,
    };

    public static Option<bool> Flag(string name, string description) => new(name) { Description = description };

    /// <summary>Positional inputs; how many a command takes is checked by the command, in its own words.</summary>
    public static Argument<string[]> Inputs(string helpName, string description) => new(helpName)
    {
        Description = description,
        Arity = ArgumentArity.ZeroOrMore,
    };
}
