using Quarry.Core.Model;

namespace Quarry.Parsing.Pipeline;

/// <summary>A parse engine: turns an input document into a <see cref="ParsedDocument"/>.</summary>
public interface IParseEngine
{
    /// <summary>The engine's name as the CLI and job contract spell it (<c>txt</c>, <c>ocr</c>, <c>vlm</c>).</summary>
    string Name { get; }

    /// <param name="progress">Receives pages finished so far out of the pages to parse.</param>
    ParsedDocument Parse(byte[] input, string basename, ParseOptions options, IProgress<ParseProgress>? progress = null, CancellationToken cancellationToken = default);
}

/// <summary>Pages finished out of pages requested.</summary>
public readonly record struct ParseProgress(int Done, int Total);
