namespace Quarry.Worker.LocalApi;

/// <summary>
/// Where <c>quarry serve</c> keeps finished jobs' outputs (serialized JSON) until they expire. Memory holds
/// small results up to a byte cap; larger ones, and whatever would pass that cap, are spilled to a private
/// temp folder; past the disk cap the oldest results are evicted. So retained results cost bounded memory
/// whatever callers leave unfetched.
/// </summary>
public sealed class ResultStore : IDisposable
{
    private readonly ServeOptions _options;
    private readonly Lock _gate = new();
    private readonly LinkedList<Entry> _order = new(); // oldest first
    private readonly Dictionary<string, LinkedListNode<Entry>> _byId = new(StringComparer.Ordinal);
    private readonly Lazy<DirectoryInfo> _folder;
    private long _memoryBytes;
    private long _diskBytes;

    public ResultStore(ServeOptions options)
    {
        _options = options;
        // Created on first spill only; CreateTempSubdirectory makes it 0700, so other users cannot read results.
        _folder = new Lazy<DirectoryInfo>(() => Directory.CreateTempSubdirectory("quarry-results-"));
    }

    internal string? SpillFolder => _folder.IsValueCreated ? _folder.Value.FullName : null;

    public long MemoryBytes
    {
        get
        {
            lock (_gate)
            {
                return _memoryBytes;
            }
        }
    }

    public long DiskBytes
    {
        get
        {
            lock (_gate)
            {
                return _diskBytes;
            }
        }
    }

    /// <summary>Keeps <paramref name="json"/> as the result of <paramref name="id"/>, evicting the oldest spilled results to make room.</summary>
    public void Put(string id, byte[] json)
    {
        lock (_gate)
        {
            RemoveLocked(id);
            var entry = new Entry(id, json.LongLength);
            if (json.LongLength <= _options.ResultSpillBytes && _memoryBytes + json.LongLength <= _options.ResultMemoryBytes)
            {
                entry.Bytes = json;
                _memoryBytes += json.LongLength;
            }
            else
            {
                while (_diskBytes + json.LongLength > _options.ResultDiskBytes && OldestOnDisk() is { } oldest)
                {
                    RemoveLocked(oldest.Id);
                }
                entry.Path = Path.Combine(_folder.Value.FullName, id + ".json");
                File.WriteAllBytes(entry.Path, json);
                _diskBytes += json.LongLength;
            }
            _byId[id] = _order.AddLast(entry);
        }
    }

    /// <summary>The stored JSON, or null when the result was evicted or never stored.</summary>
    public byte[]? Get(string id)
    {
        string? path;
        lock (_gate)
        {
            if (!_byId.TryGetValue(id, out var node))
            {
                return null;
            }
            if (node.Value.Bytes is { } bytes)
            {
                return bytes;
            }
            path = node.Value.Path;
        }
        try
        {
            return File.ReadAllBytes(path!);
        }
        catch (FileNotFoundException)
        {
            return null; // evicted between the lookup and the read
        }
    }

    public void Remove(string id)
    {
        lock (_gate)
        {
            RemoveLocked(id);
        }
    }

    private Entry? OldestOnDisk()
    {
        for (var node = _order.First; node is not null; node = node.Next)
        {
            if (node.Value.Path is not null)
            {
                return node.Value;
            }
        }
        return null;
    }

    private void RemoveLocked(string id)
    {
        if (!_byId.Remove(id, out var node))
        {
            return;
        }
        _order.Remove(node);
        if (node.Value.Path is { } path)
        {
            _diskBytes -= node.Value.Size;
            File.Delete(path);
        }
        else
        {
            _memoryBytes -= node.Value.Size;
        }
    }

    public void Dispose()
    {
        if (_folder.IsValueCreated)
        {
            try
            {
                _folder.Value.Delete(recursive: true);
            }
            catch (IOException)
            {
                // best effort: the OS cleans its temp folder
            }
        }
    }

    private sealed class Entry(string id, long size)
    {
        public string Id { get; } = id;
        public long Size { get; } = size;
        public byte[]? Bytes { get; set; }
        public string? Path { get; set; }
    }
}
