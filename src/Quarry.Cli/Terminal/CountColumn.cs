using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Quarry.Cli.Terminal;

/// <summary><c>12/40 pages 3.1/s</c>: what the old bar showed, as a Spectre.Console column.</summary>
internal sealed class CountColumn(string unit) : ProgressColumn
{
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
        new Text(string.Create(CultureInfo.InvariantCulture, $"{task.Value:0}/{task.MaxValue:0} {unit} {task.Speed ?? 0:F1}/s"));
}
