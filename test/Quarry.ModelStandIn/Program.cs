using Microsoft.Extensions.Logging;
using Quarry.ModelStandIn;

StandInOptions options;
try
{
    options = StandInOptions.FromArgs(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}
if (options.StartupDelay > TimeSpan.Zero)
{
    // A real server loads its weights before it opens its port.
    await Task.Delay(options.StartupDelay);
}
await using var server = await StandInServer.StartAsync(options, logs => logs.AddSimpleConsole(c => c.SingleLine = true).AddFilter("Microsoft.AspNetCore", LogLevel.Warning));
if (options.ExitAfter is { } crash)
{
    _ = Task.Run(async () =>
    {
        await Task.Delay(crash);
        await Console.Error.WriteLineAsync("stand-in: exiting with status 1 (--exit-after), as a crashed server would");
        Environment.Exit(1);
    });
}
await server.WaitForShutdownAsync();
return 0;
