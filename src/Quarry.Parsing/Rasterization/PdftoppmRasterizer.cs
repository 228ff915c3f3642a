using System.Diagnostics;
using Quarry.Parsing.Errors;
using Quarry.Parsing.Imaging;

namespace Quarry.Parsing.Rasterization;

/// <summary>Renders PDF pages to bitmaps.</summary>
public interface IPageRasterizer
{
    /// <summary>Renders pages <paramref name="first"/>..<paramref name="last"/> (0-based, inclusive) at <paramref name="dpi"/>.</summary>
    IReadOnlyList<GrayImage> Render(byte[] pdf, int first, int last, int dpi, TimeSpan budget, CancellationToken ct);
}

/// <summary>
/// Poppler's <c>pdftoppm</c> (Debian <c>poppler-utils</c>) as a subprocess: one call renders a page range to
/// grayscale PNGs in a private temp folder, which is always removed; a render past its budget is killed.
/// </summary>
public sealed class PdftoppmRasterizer : IPageRasterizer
{
    public IReadOnlyList<GrayImage> Render(byte[] pdf, int first, int last, int dpi, TimeSpan budget, CancellationToken ct)
    {
        var dir = Directory.CreateTempSubdirectory("quarry-raster-");
        try
        {
            var input = Path.Combine(dir.FullName, "in.pdf");
            File.WriteAllBytes(input, pdf);
            var psi = new ProcessStartInfo("pdftoppm")
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var a in new[] { "-gray", "-png", "-r", dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), "-f", (first + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), "-l", (last + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), input, Path.Combine(dir.FullName, "p") })
            {
                psi.ArgumentList.Add(a);
            }
            Process process;
            try
            {
                process = Process.Start(psi)!;
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                throw new ParseException(ErrorCode.Internal, "pdftoppm is not installed (Debian package poppler-utils); it renders pages for OCR", ex);
            }
            using (process)
            {
                var stderr = process.StandardError.ReadToEndAsync(ct);
                if (!process.WaitForExit((int)Math.Min(int.MaxValue, budget.TotalMilliseconds)) || ct.IsCancellationRequested)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit();
                    ct.ThrowIfCancellationRequested();
                    throw new ParseException(ErrorCode.Timeout, $"rendering pages {first}–{last} took longer than {budget.TotalSeconds:F0} s");
                }
                if (process.ExitCode != 0)
                {
                    throw new ParseException(ErrorCode.PdfCorrupt, "pdftoppm could not render the page: " + stderr.Result.Trim());
                }
            }
            // pdftoppm pads page numbers to the width of the last one: sort by the number, not the name.
            return Directory.EnumerateFiles(dir.FullName, "p-*.png")
                .OrderBy(f => int.Parse(Path.GetFileNameWithoutExtension(f)[2..], System.Globalization.CultureInfo.InvariantCulture))
                .Select(f => GrayImage.Decode(File.ReadAllBytes(f)))
                .ToList();
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
