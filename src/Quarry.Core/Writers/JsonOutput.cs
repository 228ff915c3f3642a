using System.Text.Encodings.Web;
using System.Text.Json;

namespace Quarry.Core.Writers;

/// <summary>Shared JSON settings: UTF-8 unescaped (like MinerU's ensure_ascii=False), 4-space indent.</summary>
internal static class JsonOutput
{
    private static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = true,
        IndentSize = 4,
    };

    /// <summary>Runs a stream writer into memory: the byte[] form of each writer.</summary>
    public static byte[] ToBytes(Action<Stream> write)
    {
        using var stream = new MemoryStream();
        write(stream);
        return stream.ToArray();
    }

    /// <summary>Streams the JSON, flushing as it goes, so a large document never sits in memory as text.</summary>
    public static void Write(Stream stream, Action<Utf8JsonWriter> body)
    {
        using var writer = new Utf8JsonWriter(stream, Options);
        body(writer);
    }

    public static void WriteStrings(this Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }
        w.WriteEndArray();
    }

    public static void WriteNumbers(this Utf8JsonWriter w, string name, IEnumerable<double> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteNumberValue(v);
        }
        w.WriteEndArray();
    }

    public static void WriteNumbers(this Utf8JsonWriter w, string name, IEnumerable<int> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteNumberValue(v);
        }
        w.WriteEndArray();
    }
}
