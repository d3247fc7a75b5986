using System.Collections.Concurrent;

namespace ServiceBot.Channels.Hosting;

/// <summary>A thread-safe map that keeps only the most recently added <c>capacity</c> entries.</summary>
internal sealed class RecentMap<TValue>(int capacity)
{
    private readonly ConcurrentDictionary<string, TValue> _items = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    public void Set(string key, TValue value)
    {
        if (_items.TryAdd(key, value))
        {
            _order.Enqueue(key);
        }
        else
        {
            _items[key] = value;
        }

        while (_order.Count > capacity && _order.TryDequeue(out var oldest))
        {
            _items.TryRemove(oldest, out _);
        }
    }

    public bool TryGet(string key, out TValue value) => _items.TryGetValue(key, out value!);
}
