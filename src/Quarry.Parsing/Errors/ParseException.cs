namespace Quarry.Parsing.Errors;

/// <summary>A failure a caller can act on: a stable code plus a human message.</summary>
public sealed class ParseException : Exception
{
    public ErrorCode Code { get; }

    public ParseException(ErrorCode code, string message, Exception? inner = null)
        : base(message, inner) => Code = code;

    public ParseException()
        : this(ErrorCode.Internal, "internal error")
    {
    }

    public ParseException(string message)
        : this(ErrorCode.Internal, message)
    {
    }

    public ParseException(string message, Exception innerException)
        : this(ErrorCode.Internal, message, innerException)
    {
    }

    /// <summary><c>CODE: message</c>, the shape job errors use.</summary>
    public override string ToString() => $"{Code.ToWire()}: {Message}";
}
