namespace Quarry.Tests.Shared;

/// <summary>Locates the repository (the folder with Quarry.sln) and the shared corpus beside it.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Samples => Path.Combine(Root, "samples");

    /// <summary><c>../shared</c> next to the checkout: corpus and tools used by tests, never at run time.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string Corpus(string name) => Path.Combine(Shared, "corpus", name);

    public static string Sample(string file) => Path.Combine(Samples, file);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Quarry.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Quarry.sln not found above " + AppContext.BaseDirectory);
    }
}
