namespace Quarry.Core.Tests;

/// <summary>
/// Golden-file comparison. Expected files live beside the tests (copied to the output folder); run with
/// <c>UPDATE_GOLDEN=1</c> to rewrite them in the source tree after a deliberate format change.
/// </summary>
internal static class Golden
{
    public static void Match(string relativePath, string actual)
    {
        var source = Path.Combine(SourceDir(), relativePath);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(source)!);
            File.WriteAllText(source, actual);
            return;
        }
        Assert.True(File.Exists(source), $"golden file {relativePath} is missing; run the tests with UPDATE_GOLDEN=1 to create it");
        Assert.Equal(File.ReadAllText(source).ReplaceLineEndings("\n"), actual.ReplaceLineEndings("\n"));
    }

    private static string SourceDir([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
