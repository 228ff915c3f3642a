using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Quarry.Parsing.Readers.Ocr.Graph;

/// <summary>
/// Keeps each model's folded bytes on disk, so a process after the first loads the rewritten graph directly:
/// parsing and rewriting the graphs cost ~0.6 CPU s of a ~1.4 s boot (docs/ocr.md). An entry is named by the
/// source file's name, the SHA-256 of its bytes and <see cref="ModelFolding.Version"/>, so a replaced model or
/// a changed rewrite misses instead of loading stale bytes; it ends with the SHA-256 of its own content, so a
/// torn or damaged file is detected and rewritten. Entries go to <c>folded/</c> in the models folder; when that
/// cannot be written (a read-only install), to <see cref="FallbackDirectory"/>. Every failure to read or write
/// the cache only costs the rewrite, never the load.
/// </summary>
internal sealed class FoldedModelCache(string? fallbackDirectory)
{
    private const int HashLength = 32;
    private const string Extension = ".folded";

    /// <summary>The cache the models use: the fallback from the environment.</summary>
    public static FoldedModelCache Default { get; } = new(FallbackDirectory());

    /// <summary>
    /// <c>$XDG_CACHE_HOME/quarry/models</c>, else <c>~/.cache/quarry/models</c>, else the temp folder's
    /// <c>quarry-models</c> (created readable by its owner only).
    /// </summary>
    public static string? FallbackDirectory()
    {
        if (Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg)
        {
            return Path.Combine(xdg, "quarry", "models");
        }
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return home.Length > 0 ? Path.Combine(home, ".cache", "quarry", "models") : Path.Combine(Path.GetTempPath(), "quarry-models");
    }

    /// <summary>
    /// The folded bytes of <paramref name="sourcePath"/>: from the cache, else <paramref name="fold"/>'s, then
    /// cached; <paramref name="variant"/> names a different rewrite of the same file (e.g. "-int8").
    /// </summary>
    public byte[] Get(string sourcePath, string variant, Func<byte[], byte[]> fold)
    {
        var source = File.ReadAllBytes(sourcePath);
        var name = $"{Path.GetFileName(sourcePath)}.{Convert.ToHexStringLower(SHA256.HashData(source))[..16]}-r{ModelFolding.Version}{variant}{Extension}";
        var dirs = new[] { Path.Combine(Path.GetDirectoryName(Path.GetFullPath(sourcePath))!, "folded"), fallbackDirectory }.OfType<string>().ToList();
        foreach (var dir in dirs)
        {
            if (Read(Path.Combine(dir, name)) is { } cached)
            {
                return cached;
            }
        }
        var folded = fold(source);
        // Older entries of this file and variant: another hash or rewrite version, the same suffix.
        var stale = new Regex($@"^{Regex.Escape(Path.GetFileName(sourcePath))}\.[0-9a-f]{{16}}-r[0-9]+{Regex.Escape(variant)}{Regex.Escape(Extension)}$", RegexOptions.CultureInvariant);
        _ = dirs.Any(dir => TryWrite(dir, name, folded, stale));
        return folded;
    }

    /// <summary>An entry's model bytes, or null when it is missing, too short or its checksum does not match.</summary>
    private static byte[]? Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        if (bytes.Length <= HashLength)
        {
            return null;
        }
        var model = bytes.AsSpan(0, bytes.Length - HashLength);
        return SHA256.HashData(model).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - HashLength)) ? model.ToArray() : null;
    }

    /// <summary>
    /// Writes an entry atomically (a private temporary file renamed over the name, so a reader never sees half
    /// of one), then drops the entries of older versions of the same model. False when the folder cannot be written.
    /// </summary>
    private static bool TryWrite(string dir, string name, byte[] model, Regex stale)
    {
        var temp = Path.Combine(dir, $".{name}.{Guid.NewGuid():N}.tmp");
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(dir);
            }
            else
            {
                Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(model);
                stream.Write(SHA256.HashData(model));
            }
            File.Move(temp, Path.Combine(dir, name), overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            return false;
        }
        foreach (var old in Directory.EnumerateFiles(dir).Where(f => Path.GetFileName(f) != name && stale.IsMatch(Path.GetFileName(f))))
        {
            TryDelete(old);
        }
        return true;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left behind: a later write or the user removes it; it is never read under another name.
        }
    }
}
