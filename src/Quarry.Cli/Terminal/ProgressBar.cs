using System.Diagnostics;

namespace Quarry.Cli.Terminal;

/// <summary>A one-line progress bar on stderr, drawn only when stderr is a terminal, redrawn at most 10×/s.</summary>
public sealed class ProgressBar : IDisposable
{
    private readonly TextWriter _out;
    private readonly bool _enabled;
    private readonly Lock _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _lastDraw = -1000;
    private int _total;
    private int _done;
    private string _label = "";

    private readonly string _unit;

    public ProgressBar(TextWriter output, bool enabled, string unit = "pages")
    {
        _out = output;
        _enabled = enabled;
        _unit = unit;
    }

    public void AddTotal(int pages)
    {
        Interlocked.Add(ref _total, pages);
        Draw(force: false);
    }

    public void Advance(string label)
    {
        Interlocked.Increment(ref _done);
        _label = label;
        Draw(force: false);
    }

    private void Draw(bool force)
    {
        if (!_enabled)
        {
            return;
        }
        lock (_gate)
        {
            var now = _clock.ElapsedMilliseconds;
            if (!force && now - _lastDraw < 100)
            {
                return;
            }
            _lastDraw = now;
            var total = Math.Max(_total, 1);
            var done = Math.Min(_done, total);
            const int width = 30;
            var filled = done * width / total;
            var rate = now > 0 ? done * 1000.0 / now : 0;
            _out.Write($"\r[{new string('#', filled)}{new string('.', width - filled)}] {done}/{_total} {_unit} {rate:F1}/s {_label,-30}");
            _out.Flush();
        }
    }

    public void Dispose()
    {
        if (_enabled)
        {
            Draw(force: true);
            _out.WriteLine();
        }
    }
}
