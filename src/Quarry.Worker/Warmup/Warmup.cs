using System.Diagnostics;
using Quarry.Core.Output;
using Quarry.Parsing.Pipeline;
using Quarry.Worker.Telemetry;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Quarry.Worker.Warmup;

/// <summary>
/// Boot-time warmup: one throwaway parse of a small PDF made in memory (text, a ruled table, two pages)
/// through the engine and every writer, so the code a job needs is loaded and compiled before the first job
/// arrives — and before a platform snapshot (RunPod FlashBoot) captures the process.
/// </summary>
public static class Warmup
{
    /// <summary>
    /// The engine the warmup parse goes through: <c>vlm</c> when a model server is configured and that engine
    /// exists, so the model's first requests (and a FlashBoot snapshot) happen before the first job; else <c>txt</c>.
    /// </summary>
    public static string EngineFor(bool modelServer, IReadOnlyList<string> engines, JobLog log)
    {
        if (!modelServer)
        {
            return "txt";
        }
        if (engines.Contains("vlm"))
        {
            return "vlm";
        }
        log.Warn("a model server is configured but this build has no vlm engine; warming up the text layer only");
        return "txt";
    }

    /// <param name="model">The reader jobs will use, for the <c>vlm</c> warmup (its connections and model id stay warm).</param>
    public static TimeSpan Run(JobLog log, string engine = "txt", Quarry.Parsing.Readers.Model.IModelPageReader? model = null)
    {
        var clock = Stopwatch.StartNew();
        using var span = QuarryTelemetry.Source.StartActivity("quarry.warmup");
        var pdf = SamplePdf();
        var made = clock.Elapsed;
        var document = DocumentParser.Parse(pdf, "warmup", engine, new ParseOptions { ModelReader = model });
        var parsed = clock.Elapsed;
        // Load the OCR models (when installed) so the first scanned page does not pay for it.
        var ocr = Quarry.Parsing.Readers.Ocr.OcrModels.Available;
        if (ocr)
        {
            _ = Quarry.Parsing.Readers.Ocr.OcrModels.Shared;
        }
        var modelsLoaded = clock.Elapsed;
        foreach (var file in OutputBundle.From(document).Files)
        {
            file.WriteTo(Stream.Null);
        }
        var total = clock.Elapsed;
        var write = total - modelsLoaded;
        QuarryTelemetry.WarmupDuration.Record(total.TotalSeconds);
        log.Info("warmup done", fields: new Dictionary<string, object?>
        {
            ["make_pdf_ms"] = Math.Round(made.TotalMilliseconds, 1),
            ["parse_ms"] = Math.Round((parsed - made).TotalMilliseconds, 1),
            ["ocr_models_ms"] = ocr ? Math.Round((modelsLoaded - parsed).TotalMilliseconds, 1) : null,
            ["write_ms"] = Math.Round(write.TotalMilliseconds, 1),
            ["total_ms"] = Math.Round(total.TotalMilliseconds, 1),
            ["pages"] = document.Pages.Count,
            ["engine"] = engine,
        });
        return total;
    }

    internal static byte[] SamplePdf()
    {
        var b = new PdfDocumentBuilder();
        var regular = b.AddStandard14Font(Standard14Font.Helvetica);
        var bold = b.AddStandard14Font(Standard14Font.HelveticaBold);
        for (var p = 0; p < 2; p++)
        {
            var page = b.AddPage(PageSize.A4);
            page.AddText("Warmup Document", 18, new PdfPoint(72, 760), bold);
            page.AddText($"{p + 1} Section", 13, new PdfPoint(72, 720), bold);
            for (var i = 0; i < 12; i++)
            {
                page.AddText("Body text that exercises words, lines, blocks and the writers of the pipeline.", 10, new PdfPoint(72, 690 - i * 13), regular);
            }
            page.DrawLine(new PdfPoint(72, 500), new PdfPoint(400, 500), 1);
            page.AddText("Name", 10, new PdfPoint(76, 488), bold);
            page.AddText("Value", 10, new PdfPoint(220, 488), bold);
            page.DrawLine(new PdfPoint(72, 483), new PdfPoint(400, 483), 0.5);
            page.AddText("alpha", 10, new PdfPoint(76, 470), regular);
            page.AddText("1.0", 10, new PdfPoint(220, 470), regular);
            page.DrawLine(new PdfPoint(72, 464), new PdfPoint(400, 464), 1);
            page.AddText((p + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), 9, new PdfPoint(300, 40), regular);
        }
        return b.Build();
    }
}
