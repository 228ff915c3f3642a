using System.Text;

namespace Quarry.Worker.Tests.Telemetry;

/// <summary>
/// Reads protobuf wire format without a schema and returns every string it holds (span names, attribute
/// keys and values, metric names). Enough to check what an OTLP exporter really sent.
/// </summary>
internal static class ProtobufStrings
{
    public static HashSet<string> Extract(byte[] message)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        Walk(message, found, depth: 0);
        return found;
    }

    private static bool Walk(ReadOnlySpan<byte> data, HashSet<string> found, int depth)
    {
        var i = 0;
        while (i < data.Length)
        {
            if (!TryVarint(data, ref i, out var key) || key >> 3 == 0)
            {
                return false;
            }
            switch (key & 7)
            {
                case 0:
                    if (!TryVarint(data, ref i, out _))
                    {
                        return false;
                    }
                    break;
                case 1:
                    i += 8;
                    break;
                case 5:
                    i += 4;
                    break;
                case 2:
                    if (!TryVarint(data, ref i, out var len) || len > (ulong)(data.Length - i))
                    {
                        return false;
                    }
                    var payload = data.Slice(i, (int)len);
                    i += (int)len;
                    // A length-delimited field is a nested message or a string; try the message first.
                    if (depth > 32 || payload.Length == 0 || !Walk(payload, found, depth + 1))
                    {
                        if (IsText(payload))
                        {
                            found.Add(Encoding.UTF8.GetString(payload));
                        }
                    }
                    else if (IsText(payload))
                    {
                        found.Add(Encoding.UTF8.GetString(payload));
                    }
                    break;
                default:
                    return false;
            }
        }
        return i == data.Length;
    }

    private static bool IsText(ReadOnlySpan<byte> s)
    {
        foreach (var b in s)
        {
            if (b < 0x20 && b is not (0x09 or 0x0A))
            {
                return false;
            }
        }
        return s.Length > 0;
    }

    private static bool TryVarint(ReadOnlySpan<byte> data, ref int i, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64 && i < data.Length; shift += 7)
        {
            var b = data[i++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return true;
            }
        }
        return false;
    }
}
