using Quarry.Core.Writers;
using Quarry.Parsing.Pipeline;

namespace Quarry.Parsing.Tests.Fixtures.Scripts;

/// <summary>The script fixtures next to this file, parsed with an engine, and their Markdown.</summary>
internal static class ScriptFixtures
{
    public static string PathOf(string name) => Path.Combine(Folder(), name + ".pdf");

    private static string Folder([System.Runtime.CompilerServices.CallerFilePath] string here = "") => Path.GetDirectoryName(here)!;

    public static Quarry.Core.Model.ParsedDocument Parse(string name, string engine = "txt") =>
        DocumentParser.Parse(File.ReadAllBytes(PathOf(name)), name, engine, new ParseOptions());

    public static string Markdown(string name) => MarkdownWriter.Write(Parse(name)).Trim();
}
