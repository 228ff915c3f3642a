namespace Quarry.Cli.Tests.Commands;

/// <summary>Runs the quarry command in-process and captures what it printed.</summary>
internal static class Cli
{
    public static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await Program.RunAsync(args, stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
