using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using Quarry.Core.Model;

namespace Quarry.Cli.Commands;

/// <summary>The <c>quarry</c> command tree, and how a parse that went wrong is told in one line.</summary>
public static class QuarryCommandLine
{
    /// <summary>No response files: an input named <c>@notes.pdf</c> is a file, not a list of arguments.</summary>
    public static ParserConfiguration Parser { get; } = new() { ResponseFileTokenReplacer = null };

    /// <summary>
    /// The root is a plain command named quarry (a RootCommand takes the process's name: dotnet, testhost),
    /// with the help and version options a RootCommand would have.
    /// </summary>
    public static Command Build()
    {
        var version = new Command("version", "print the version");
        version.SetAction(r => r.InvocationConfiguration.Output.WriteLine(QuarryVersion.Current));
        var root = new DocumentedCommand("quarry", "quarry — PDF to Markdown and MinerU-compatible JSON")
        {
            new HelpOption { Recursive = true },
            new VersionOption(),
            ParseCommand.Create(),
            ServeCommand.Create(),
            WorkerCommand.Create(),
            SubmitCommand.CreateSubmit(),
            SubmitCommand.CreateBatch(),
            ChunkCommand.Create(),
            DeployCommand.CreateDeploy(),
            DeployCommand.CreateDestroy(),
            version,
        };
        foreach (var option in root.Options)
        {
            if (option is HelpOption { Action: HelpAction help } helpOption)
            {
                helpOption.Action = new EpilogHelpAction(help);
            }
            else if (option is VersionOption versionOption)
            {
                versionOption.Action = version.Action; // Quarry's version, not the assembly's informational one
            }
        }
        return root;
    }

    public static bool IsHelp(ParseResult result) => result.Action is EpilogHelpAction;

    /// <summary>The one line a usage error prints, or null when the command line is fine.</summary>
    public static string? UsageError(ParseResult result)
    {
        if (OptionLikeInput(result) is { } unknown)
        {
            return $"unknown option {unknown}";
        }
        if (result.UnmatchedTokens is [var token, ..])
        {
            return token.Length > 1 && token[0] == '-' ? $"unknown option {token}"
                : IsRoot(result.CommandResult.Command) ? $"unknown command '{token}'"
                : $"unexpected argument '{token}'";
        }
        // Some of System.CommandLine's messages list choices one per line; a usage error stays one line.
        return result.Errors is [var first, ..] ? string.Join(' ', first.Message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)) : null;
    }

    /// <summary><c>quarry parse --help</c>: where to read more after a usage error.</summary>
    public static string HelpHint(ParseResult? result) =>
        result?.CommandResult.Command is { } c && !IsRoot(c) ? $"quarry {c.Name} --help" : "quarry --help";

    private static bool IsRoot(Command command) => !command.Parents.Any();

    /// <summary>
    /// A positional that looks like an option (<c>--bogus</c>) was a typo, not a file name: the parser takes it as an
    /// input because inputs are free text. After <c>--</c> it is an input as written.
    /// </summary>
    private static string? OptionLikeInput(ParseResult result)
    {
        var tokens = result.Tokens;
        var end = tokens.ToList().FindIndex(t => t.Type == TokenType.DoubleDash);
        end = end < 0 ? tokens.Count : end;
        foreach (var argument in result.CommandResult.Children.OfType<ArgumentResult>())
        {
            foreach (var token in argument.Tokens)
            {
                if (token.Value.Length > 1 && token.Value[0] == '-' && IndexOf(tokens, token) < end)
                {
                    return token.Value;
                }
            }
        }
        return null;
    }

    private static int IndexOf(IReadOnlyList<Token> tokens, Token token)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (ReferenceEquals(tokens[i], token))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>System.CommandLine's help, then the command's <see cref="DocumentedCommand.Epilog"/>.</summary>
    private sealed class EpilogHelpAction(HelpAction inner) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            var code = inner.Invoke(parseResult);
            if (parseResult.CommandResult.Command is DocumentedCommand { Epilog: { } epilog })
            {
                parseResult.InvocationConfiguration.Output.WriteLine(epilog);
            }
            return code;
        }
    }
}
