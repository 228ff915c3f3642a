using System.CommandLine;

namespace Quarry.Cli.Commands;

/// <summary>
/// A command whose help ends with prose after the option list (environment, behaviour on failure): the
/// description stays one line, as the root's command list shows it.
/// </summary>
internal sealed class DocumentedCommand(string name, string description) : Command(name, description)
{
    public string? Epilog { get; init; }
}
