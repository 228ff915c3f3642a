using Spectre.Console;

namespace Quarry.Cli.Terminal;

/// <summary>What a command reports while it works: the units to do, each one done, and lines meant for stderr.</summary>
public interface IProgressSink
{
    void AddTotal(int units);

    void Advance(string label);

    /// <summary>A warning or error line; while a bar is drawn it goes above the bar instead of through it.</summary>
    void WriteLine(string line);
}

/// <summary>
/// Progress through Spectre.Console on stderr, drawn only when stderr is the process's own and a terminal:
/// redirected output (logs, pipes, tests) gets the lines and no escape codes.
/// </summary>
public static class TerminalProgress
{
    public static async Task RunAsync(TextWriter stderr, bool wanted, string unit, Func<IProgressSink, Task> work)
    {
        if (!wanted || !ReferenceEquals(stderr, Console.Error) || Console.IsErrorRedirected)
        {
            await work(new PlainSink(stderr));
            return;
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stderr) });
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new CountColumn(unit), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(unit, autoStart: true, maxValue: 0); // Spectre refuses an empty name
                task.IsIndeterminate = true; // until the first document says how many pages it has
                await work(new BarSink(console, task));
            });
    }

    private sealed class PlainSink(TextWriter stderr) : IProgressSink
    {
        public void AddTotal(int units)
        {
        }

        public void Advance(string label)
        {
        }

        public void WriteLine(string line)
        {
            lock (stderr)
            {
                stderr.WriteLine(line);
            }
        }
    }

    private sealed class BarSink(IAnsiConsole console, ProgressTask task) : IProgressSink
    {
        private readonly Lock _gate = new();

        public void AddTotal(int units)
        {
            lock (_gate)
            {
                task.MaxValue += units;
                task.IsIndeterminate = false;
            }
        }

        public void Advance(string label)
        {
            lock (_gate)
            {
                task.Description = Markup.Escape(label); // file names are not markup: "[draft].pdf" must print as is
                task.Increment(1);
            }
        }

        public void WriteLine(string line)
        {
            lock (_gate)
            {
                console.WriteLine(line);
            }
        }
    }
}
