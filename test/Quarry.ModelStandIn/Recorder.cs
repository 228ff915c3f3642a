using System.Text.Json.Nodes;

namespace Quarry.ModelStandIn;

/// <summary>Every request the stand-in saw, in order, in memory and (when asked) appended to a JSONL file.</summary>
public sealed class Recorder(string? file)
{
    private readonly List<JsonObject> _entries = [];
    private readonly Lock _gate = new();

    public void Add(JsonObject entry)
    {
        lock (_gate)
        {
            entry["seq"] = _entries.Count + 1;
            _entries.Add(entry);
            if (file is not null)
            {
                File.AppendAllText(file, entry.ToJsonString() + "\n");
            }
        }
    }

    public JsonArray Snapshot()
    {
        lock (_gate)
        {
            return [.. _entries.Select(e => e.DeepClone())];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }
}
