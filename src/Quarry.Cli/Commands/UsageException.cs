namespace Quarry.Cli.Commands;

/// <summary>The command line asks for something that cannot be done as written: one line on stderr, exit code 2.</summary>
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
