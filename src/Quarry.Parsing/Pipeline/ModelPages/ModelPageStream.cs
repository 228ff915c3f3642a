using Quarry.Parsing.Readers.Model;

namespace Quarry.Parsing.Pipeline.ModelPages;

/// <summary>
/// Streams pages through render → model with at most a fixed number of pages in flight: the next page is
/// rendered while earlier ones are being read, and a page's render is dropped once its read returns, so
/// memory holds at most that many renders whatever the document's length. The first failure stops the
/// stream (no new renders) and is rethrown once the reads in flight have ended.
/// </summary>
internal static class ModelPageStream
{
    /// <param name="render">Renders one page (on the calling thread); called in the order of <paramref name="pages"/>.</param>
    /// <param name="read">Sends a render to the model.</param>
    /// <returns>The model's result for each entry of <paramref name="pages"/>, in that order.</returns>
    public static ModelPageResult[] Run(IReadOnlyList<int> pages, Func<int, PageRender> render,
        Func<PageRender, CancellationToken, Task<ModelPageResult>> read, int inFlight, CancellationToken ct)
    {
        var results = new ModelPageResult[pages.Count];
        if (pages.Count == 0)
        {
            return results;
        }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var slots = new SemaphoreSlim(Math.Max(1, inFlight));
        var reads = new List<Task>(pages.Count);
        Exception? failure = null;
        try
        {
            for (var k = 0; k < pages.Count; k++)
            {
                slots.Wait(stop.Token);
                PageRender page;
                try
                {
                    page = render(pages[k]);
                }
                catch
                {
                    slots.Release();
                    throw;
                }
                reads.Add(ReadAsync(k, page));
            }
        }
        catch (OperationCanceledException) when (failure is not null && !ct.IsCancellationRequested)
        {
            // a read failed: its exception is the one to report
        }
        catch (Exception ex)
        {
            failure ??= ex;
            stop.Cancel();
        }
        try
        {
            Task.WhenAll(reads).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (failure is not null || ex is not OperationCanceledException)
        {
            failure ??= ex;
        }
        ct.ThrowIfCancellationRequested();
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }
        return results;

        async Task ReadAsync(int k, PageRender page)
        {
            try
            {
                results[k] = await read(page, stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                Interlocked.CompareExchange(ref failure, ex, null);
                await stop.CancelAsync().ConfigureAwait(false);
                throw;
            }
            finally
            {
                slots.Release();
            }
        }
    }
}
