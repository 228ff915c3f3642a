using Quarry.Parsing.Errors;

namespace Quarry.Worker.Jobs;

/// <summary>A job failure with its stable code, a human message and, for validation errors, the field at fault.</summary>
public sealed class JobException : Exception
{
    public ErrorCode Code { get; }
    public string? Field { get; }
    public string Phase { get; set; } = "validate";

    public JobException(ErrorCode code, string message, string? field = null, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
        Field = field;
    }

    public JobException()
        : this(ErrorCode.Internal, "internal error")
    {
    }

    public JobException(string message)
        : this(ErrorCode.Internal, message)
    {
    }

    public JobException(string message, Exception innerException)
        : this(ErrorCode.Internal, message, null, innerException)
    {
    }

    public static JobException Invalid(string field, string message) => new(ErrorCode.InvalidInput, message, field);
}
