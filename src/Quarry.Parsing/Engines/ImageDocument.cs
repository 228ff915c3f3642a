using Quarry.Core.Model;
using Quarry.Parsing.Assembly;
using Quarry.Parsing.Errors;
using Quarry.Parsing.Imaging;
using Quarry.Parsing.Layout;
using Quarry.Parsing.Ocr;
using Quarry.Parsing.Sources;

namespace Quarry.Parsing.Engines;

/// <summary>
/// A PNG or JPEG input: a one-page document read by OCR, laid out and assembled like any PDF page.
/// Its page size assumes 150 dpi (the common scan resolution) so sizes in points stay plausible.
/// </summary>
public static class ImageDocument
{
    private const double AssumedDpi = 150;

    public static ParsedDocument Parse(byte[] input, InputFormat format, string basename, ParseOptions options)
    {
        if (format == InputFormat.Tiff)
        {
            throw new ParseException(ErrorCode.UnsupportedFormat, "TIFF images are not decoded by this build; convert to PNG (e.g. with tiff2png) or PDF first");
        }
        if (options.StartPage > 0)
        {
            throw new ParseException(ErrorCode.InvalidInput, $"start_page {options.StartPage} is outside an image's single page 0");
        }
        var image = GrayImage.Decode(input);
        if (!OcrModels.Available)
        {
            throw new ParseException(ErrorCode.Internal, "the OCR models are not installed: run scripts/install-models.sh (or set QUARRY_MODELS_DIR)");
        }
        var width = image.Width * 72 / AssumedDpi;
        var height = image.Height * 72 / AssumedDpi;
        var content = new OcrPageReader(OcrModels.Shared).Read(image, 0, width, height);
        var page = PageLayout.Build(content, DocumentStyle.From([content]), new PageBudget(options.PageBudget));
        DocumentAssembler.Assemble([page], []);
        return new ParsedDocument { Basename = basename, Pages = [page], Backend = "pipeline", StartPage = 0, SourcePageCount = 1 };
    }
}
