using System.Globalization;
using Quarry.Parsing.Errors;
using Quarry.Parsing.Imaging;

namespace Quarry.Parsing.Rasterization;

/// <summary>
/// Poppler's <c>pdftoppm</c> (Debian <c>poppler-utils</c>) as a subprocess: the PDF is written once to a
/// private temp folder, each call renders a page range to image files there (raw grayscale PGM for OCR, colour JPEG for crops) (decoded, then deleted), and
/// the folder is removed on dispose; a render past its budget is killed.
/// </summary>
public sealed class PdftoppmRasterizer : IPageRasterizer
{
    public IRasterDocument Open(byte[] pdf)
    {
        var dir = Directory.CreateTempSubdirectory("quarry-raster-");
        try
        {
            var path = Path.Combine(dir.FullName, "in.pdf");
            File.WriteAllBytes(path, pdf);
            return new Document(dir, path);
        }
        catch
        {
            dir.Delete(recursive: true);
            throw;
        }
    }

    private sealed class Document(DirectoryInfo dir, string input) : IRasterDocument
    {
        /// <summary>The private folder this document renders in (tests check it is gone after dispose).</summary>
        internal string Folder => dir.FullName;

        public IReadOnlyList<GrayImage> Render(int first, int last, int dpi, TimeSpan budget, CancellationToken ct) =>
            Decode(RenderFiles(gray: true, first, last, dpi, budget, ct));

        private static List<GrayImage> Decode(List<byte[]> pgms)
        {
            var t = Readers.Ocr.OcrMetrics.Start();
            var images = pgms.Select(pgm => GrayImage.DecodePgm(pgm)).ToList();
            Readers.Ocr.OcrMetrics.Record("decode", t);
            return images;
        }

        public IReadOnlyList<byte[]> RenderColor(int first, int last, int dpi, TimeSpan budget, CancellationToken ct) =>
            RenderFiles(gray: false, first, last, dpi, budget, ct);

        private List<byte[]> RenderFiles(bool gray, int first, int last, int dpi, TimeSpan budget, CancellationToken ct)
        {
            var prefix = Path.Combine(dir.FullName, "p");
            try
            {
                // Gray goes out as raw PGM (pdftoppm's default format): its PNG encoder cost ~1 s a page at 200 dpi,
                // twenty times the render itself. Colour goes out as near-lossless JPEG (PNG: ~0.45 s a page at
                // 144 dpi), and crops are re-encoded as JPEG anyway.
                string[] mode = gray ? ["-gray"] : ["-jpeg", "-jpegopt", "quality=95"];
                var t = Readers.Ocr.OcrMetrics.Start();
                Run([.. mode, "-r", Invariant(dpi), "-f", Invariant(first + 1), "-l", Invariant(last + 1), input, prefix], first, last, budget, ct);
                // pdftoppm pads page numbers to the width of the last one: sort by the number, not the name.
                var files = Pages().Select(File.ReadAllBytes).ToList();
                Readers.Ocr.OcrMetrics.Record(gray ? "render" : "render.color", t);
                return files;
            }
            finally
            {
                foreach (var f in Pages())
                {
                    File.Delete(f);
                }
            }
        }

        public void Dispose() => dir.Delete(recursive: true);

        private IEnumerable<string> Pages() => Directory.EnumerateFiles(dir.FullName, "p-*")
            .OrderBy(f => int.Parse(Path.GetFileNameWithoutExtension(f)[2..], CultureInfo.InvariantCulture));

        private static string Invariant(int n) => n.ToString(CultureInfo.InvariantCulture);

        private static void Run(string[] args, int first, int last, TimeSpan budget, CancellationToken ct)
        {
            var (exit, stderr) = ToolProcess.Run("pdftoppm", "poppler-utils; it renders pages for OCR", args, $"rendering pages {first}–{last}", budget, ct);
            if (exit != 0)
            {
                throw new ParseException(ErrorCode.PdfCorrupt, $"the PDF is damaged: pages {first + 1}–{last + 1} could not be rendered for OCR",
                    new InvalidOperationException("pdftoppm: " + stderr));
            }
        }
    }
}
