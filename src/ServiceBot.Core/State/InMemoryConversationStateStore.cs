using System.Globalization;
using ServiceBot.Abstractions.State;

namespace ServiceBot.Core.State;

/// <summary>Conversation state in process memory: the embedded default for a single server.</summary>
/// <remarks>Thread-safe. Entries expire after their time to live; expired entries are swept as writes happen.</remarks>
internal sealed class InMemoryConversationStateStore(TimeProvider time) : IConversationStateStore
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _version;
    private int _writesSinceSweep;

    public ValueTask<StoredState?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(TryGetLive(key, out var entry) ? new StoredState(entry.Data, entry.ETag) : null);
        }
    }

    public ValueTask<string> WriteAsync(string key, ReadOnlyMemory<byte> data, string? expectedETag, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var current = TryGetLive(key, out var entry) ? entry.ETag : null;
            if (!string.Equals(current, expectedETag, StringComparison.Ordinal))
            {
                throw new ETagConflictException(key, expectedETag, current);
            }

            var etag = (++_version).ToString(CultureInfo.InvariantCulture);
            _entries[key] = new Entry(data.ToArray(), etag, time.GetUtcNow() + timeToLive);
            if (++_writesSinceSweep >= 1024)
            {
                Sweep();
            }

            return ValueTask.FromResult(etag);
        }
    }

    public ValueTask<bool> DeleteAsync(string key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var existed = TryGetLive(key, out _);
            _entries.Remove(key);
            return ValueTask.FromResult(existed);
        }
    }

    private bool TryGetLive(string key, out Entry entry)
    {
        if (_entries.TryGetValue(key, out entry!) && entry.ExpiresAt > time.GetUtcNow())
        {
            return true;
        }

        _entries.Remove(key);
        return false;
    }

    private void Sweep()
    {
        _writesSinceSweep = 0;
        var now = time.GetUtcNow();
        foreach (var (key, entry) in _entries.ToArray())
        {
            if (entry.ExpiresAt <= now)
            {
                _entries.Remove(key);
            }
        }
    }

    private sealed record Entry(byte[] Data, string ETag, DateTimeOffset ExpiresAt);
}
