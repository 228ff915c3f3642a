using System.Diagnostics;

namespace Quarry.Parsing.Layout;

/// <summary>
/// A per-page time allowance; layout stages check it and the page degrades to plain text when it runs out.
/// The same checks observe the parse's cancellation, so a cancelled job leaves layout between stages.
/// </summary>
public sealed class PageBudget(TimeSpan allowance, CancellationToken cancellationToken = default)
{
    private readonly long _start = Stopwatch.GetTimestamp();

    public bool Exceeded => allowance > TimeSpan.Zero && Stopwatch.GetElapsedTime(_start) > allowance;

    public void Check()
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Exceeded)
        {
            throw new PageBudgetExceededException();
        }
    }
}

public sealed class PageBudgetExceededException : Exception
{
    public PageBudgetExceededException()
        : base("page layout exceeded its time budget")
    {
    }

    public PageBudgetExceededException(string message)
        : base(message)
    {
    }

    public PageBudgetExceededException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
