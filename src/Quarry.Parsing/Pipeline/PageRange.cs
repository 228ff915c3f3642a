using Quarry.Parsing.Errors;

namespace Quarry.Parsing.Pipeline;

/// <summary>Checks a request's start_page/end_page/max_pages against a document's page count.</summary>
public static class PageRange
{
    /// <returns>The first and last page to parse, 0-based and inclusive.</returns>
    public static (int First, int Last) Resolve(int total, ParseOptions options)
    {
        if (options.StartPage < 0 || options.StartPage >= total)
        {
            throw new ParseException(ErrorCode.InvalidInput, $"start_page {options.StartPage} is outside the document's pages 0–{total - 1}");
        }
        var last = options.EndPage < 0 ? total - 1 : Math.Min(options.EndPage, total - 1);
        if (last < options.StartPage)
        {
            throw new ParseException(ErrorCode.InvalidInput, $"end_page {options.EndPage} is before start_page {options.StartPage}");
        }
        if (options.MaxPages > 0 && last - options.StartPage + 1 > options.MaxPages)
        {
            throw new ParseException(ErrorCode.InputTooLarge, $"{last - options.StartPage + 1} pages requested; this parser allows at most {options.MaxPages} per document");
        }
        return (options.StartPage, last);
    }
}
