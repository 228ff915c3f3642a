using System.Text.Json.Nodes;

namespace Quarry.Client;

/// <summary>What to parse: a local file, a stream, or a URL the worker fetches, plus the job options.</summary>
public sealed record ParseRequest
{
    private ParseRequest()
    {
    }

    public string? FilePath { get; private init; }
    public Stream? Stream { get; private init; }
    public ReadOnlyMemory<byte>? Bytes { get; private init; }
    public Uri? Url { get; private init; }

    public string? Basename { get; init; }
    public int StartPage { get; init; }
    public int EndPage { get; init; } = -1;
    public string Transport { get; init; } = "auto";
    public string ParseMethod { get; init; } = "auto";
    public string Backend { get; init; } = "pipeline";
    public IReadOnlyList<string>? Formats { get; init; }

    public static ParseRequest FromFile(string path) => new() { FilePath = path, Basename = SafeStem(Path.GetFileNameWithoutExtension(path)) };

    public static ParseRequest FromStream(Stream stream, string basename = "doc") => new() { Stream = stream, Basename = SafeStem(basename) };

    public static ParseRequest FromBytes(ReadOnlyMemory<byte> data, string basename = "doc") => new() { Bytes = data, Basename = SafeStem(basename) };

    public static ParseRequest FromUrl(Uri url) => new() { Url = url, Basename = SafeStem(Path.GetFileNameWithoutExtension(url.AbsolutePath)) };

    /// <summary>The input's bytes (file, stream or bytes); null for a URL, which the worker fetches itself.</summary>
    internal async Task<byte[]?> ReadBytesAsync(CancellationToken ct)
    {
        if (Url is not null)
        {
            return null;
        }
        if (Bytes is { } given)
        {
            return given.ToArray();
        }
        if (FilePath is not null)
        {
            return await File.ReadAllBytesAsync(FilePath, ct);
        }
        using var ms = new MemoryStream();
        await Stream!.CopyToAsync(ms, ct);
        return ms.ToArray();
    }

    internal JsonObject ToInput(string? fileB64)
    {
        var input = new JsonObject();
        if (Url is not null)
        {
            input["file_url"] = Url.ToString();
        }
        else
        {
            input["file_b64"] = fileB64;
        }
        input["basename"] = Basename ?? "doc";
        input["backend"] = Backend;
        input["parse_method"] = ParseMethod;
        input["start_page"] = StartPage;
        input["end_page"] = EndPage;
        input["transport"] = Transport;
        if (Formats is not null)
        {
            input["formats"] = new JsonArray(Formats.Select(f => (JsonNode)f).ToArray());
        }
        return input;
    }

    /// <summary>The worker's basename rule: letters, digits, '-' and '_', at most 128.</summary>
    internal static string SafeStem(string stem)
    {
        var chars = stem.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').Take(128).ToArray();
        return chars.Length == 0 ? "doc" : new string(chars);
    }
}
