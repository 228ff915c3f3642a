using Quarry.Parsing.Errors;
using Quarry.Parsing.Pipeline;
using Quarry.Parsing.Pipeline.ModelPages;
using Quarry.Parsing.Readers.Model;
using Quarry.Tests.Shared;

namespace Quarry.Parsing.Tests.Pipeline.ModelPages;

/// <summary>Model pages stream through render → read with a bounded number in flight.</summary>
public class ModelPageStreamTests
{
    [Fact]
    public void No_more_pages_are_in_flight_than_the_limit_and_rendering_overlaps_reading()
    {
        var live = 0;
        var maxLive = 0;
        var renderedWhileReading = 0;
        var reading = 0;
        var results = ModelPageStream.Run(Enumerable.Range(0, 12).ToList(),
            i =>
            {
                if (Volatile.Read(ref reading) > 0)
                {
                    Interlocked.Increment(ref renderedWhileReading);
                }
                var now = Interlocked.Increment(ref live);
                InterlockedMax(ref maxLive, now);
                return new PageRender(i, [], 612, 792, 200);
            },
            async (page, ct) =>
            {
                Interlocked.Increment(ref reading);
                await Task.Delay(30, ct);
                Interlocked.Decrement(ref reading);
                Interlocked.Decrement(ref live); // the render is dropped once read
                return new ModelPageResult { Requests = page.PageIndex };
            },
            inFlight: 3, CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, 12), results.Select(r => r.Requests));
        Assert.InRange(maxLive, 2, 3);
        Assert.True(renderedWhileReading > 0);
    }

    [Fact]
    public void A_failed_read_stops_the_stream_and_is_rethrown()
    {
        var rendered = 0;
        var ex = Assert.Throws<ParseException>(() => ModelPageStream.Run(Enumerable.Range(0, 50).ToList(),
            i =>
            {
                Interlocked.Increment(ref rendered);
                return new PageRender(i, [], 612, 792, 200);
            },
            async (page, ct) =>
            {
                await Task.Delay(10, ct);
                return page.PageIndex == 2 ? throw new ParseException(ErrorCode.UpstreamUnavailable, "down") : new ModelPageResult();
            },
            inFlight: 2, CancellationToken.None));
        Assert.Equal(ErrorCode.UpstreamUnavailable, ex.Code);
        Assert.InRange(rendered, 3, 6);
    }

    [Fact]
    public void A_long_document_through_vlm_keeps_the_pages_in_flight_bounded()
    {
        var pdf = new TestPdf();
        for (var p = 1; p <= 10; p++)
        {
            pdf.AddPage(TestPdf.Text($"Page {p} of a long document."));
        }
        // Reads far slower than a render, so pages pile up against the limit.
        var reader = new RecordingModelReader { Latency = TimeSpan.FromMilliseconds(1500) }; // well above a render even on a loaded machine
        DocumentParser.Parse(pdf.ToBytes(), "long", "vlm", new ParseOptions { ModelReader = reader, ModelPagesInFlight = 3 });
        Assert.Equal(10, reader.Pages.Count);
        Assert.InRange(reader.MaxInFlight, 2, 3);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
