namespace Quarry.Client;

/// <summary>A job the service ran and failed: <see cref="Code"/> is the worker's stable error code.</summary>
public class QuarryJobException : Exception
{
    public QuarryJobException(string code, string message, string? field = null, string? jobId = null)
        : base(message)
    {
        Code = code;
        Field = field;
        JobId = jobId;
    }

    public QuarryJobException()
        : this("INTERNAL", "job failed")
    {
    }

    public QuarryJobException(string message)
        : this("INTERNAL", message)
    {
    }

    public QuarryJobException(string message, Exception innerException)
        : base(message, innerException) => Code = "INTERNAL";

    public string Code { get; }
    public string? Field { get; }
    public string? JobId { get; }
}

/// <summary>
/// The job completed but carried no output: the signature of a result dropped by RunPod's gateway (responses
/// over ~20 MB are refused and the client sees an empty COMPLETED job).
/// </summary>
public sealed class QuarryEmptyOutputException : QuarryJobException
{
    public QuarryEmptyOutputException(string jobId)
        : base("EMPTY_OUTPUT", $"job {jobId} completed with no output — most likely its result exceeded the gateway's ~20 MB response cap and was dropped; ask for transport \"s3\" (or \"auto\" with a bucket on the worker), or fewer pages", null, jobId)
    {
    }

    public QuarryEmptyOutputException()
        : this("unknown")
    {
    }

    public QuarryEmptyOutputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The request could not be made or was refused before any job ran (too large, unauthorized, unreachable).</summary>
public sealed class QuarryRequestException : Exception
{
    public QuarryRequestException(string message, int? status = null, Exception? inner = null)
        : base(message, inner) => Status = status;

    public QuarryRequestException()
    {
    }

    public QuarryRequestException(string message)
        : base(message)
    {
    }

    public QuarryRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int? Status { get; }
}
