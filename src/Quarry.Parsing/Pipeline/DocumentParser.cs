using Quarry.Core.Model;
using Quarry.Parsing.Errors;
using Quarry.Parsing.Routing;
using Quarry.Parsing.Sources;
using Quarry.Parsing.Sources.Office;

namespace Quarry.Parsing.Pipeline;

/// <summary>The one entry point hosts use: sniff the input, pick the engine, parse, and report failures as <see cref="ParseException"/>.</summary>
public static class DocumentParser
{
    public static IReadOnlyList<string> EngineNames { get; } = ["txt", "auto", "ocr", "vlm", "hybrid"];

    public static IParseEngine Engine(string name) => name switch
    {
        "txt" => new DocumentPipeline(RoutingMode.TextOnly),
        "auto" => new DocumentPipeline(RoutingMode.Auto),
        "ocr" => new DocumentPipeline(RoutingMode.OcrAll),
        "vlm" => new DocumentPipeline(RoutingMode.Model),
        "hybrid" => new DocumentPipeline(RoutingMode.Hybrid),
        _ => throw new ParseException(ErrorCode.InvalidInput, $"unknown engine '{name}'; expected one of: {string.Join(", ", EngineNames)}"),
    };

    public static ParsedDocument Parse(byte[] input, string basename, string engine, ParseOptions options, IProgress<ParseProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var format = InputSniffer.SniffDocument(input);
        var parser = Engine(engine);
        if (format.IsOffice())
        {
            // Office documents are read from their structure: every engine reads them the same way, without a model.
            return Guarded(() => OfficeDocuments.Parse(input, format, basename, options, cancellationToken));
        }
        if (engine is "vlm" or "hybrid" && options.ModelReader is null)
        {
            throw new ParseException(ErrorCode.InvalidInput, $"engine '{engine}' needs a model server: pass --vlm-url URL or set QUARRY_VLM_SERVER_URL");
        }
        if (engine == "vlm")
        {
            // Every page needs the model: a server known to be down fails the document before it is even opened.
            options.ModelReader!.EnsureReadyAsync(cancellationToken).GetAwaiter().GetResult();
        }
        if (format.IsImage() && engine == "txt")
        {
            throw new ParseException(ErrorCode.UnsupportedFormat, $"the input is a {format.ToString().ToUpperInvariant()} image, which has no text layer; use the ocr or auto engine");
        }
        return Guarded(() => parser.Parse(input, basename, options, progress, cancellationToken));
    }

    private static ParsedDocument Guarded(Func<ParsedDocument> parse)
    {
        try
        {
            return parse();
        }
        catch (Exception ex) when (ex is not (ParseException or OperationCanceledException))
        {
            // The library's message means nothing to a user; it stays in the inner exception for the host's log.
            throw new ParseException(ErrorCode.Internal, "the parser failed unexpectedly on this input (a bug in Quarry; the details are in the log)", ex);
        }
    }
}
