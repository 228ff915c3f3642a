using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Quarry.Cli.Terminal;

/// <summary>
/// <c>12/40 pages 3.1/s</c>: what the old bar showed, as a Spectre.Console column. The rate is over the whole
/// run: Spectre's own speed samples a short window, which pages finishing in bursts turn into noise.
/// </summary>
internal sealed class CountColumn(string unit) : ProgressColumn
{
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
    {
        var seconds = task.ElapsedTime?.TotalSeconds ?? 0;
        var rate = seconds > 0 ? task.Value / seconds : 0;
        return new Text(string.Create(CultureInfo.InvariantCulture, $"{task.Value:0}/{task.MaxValue:0} {unit} {rate:F1}/s"));
    }
}
