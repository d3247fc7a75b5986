using System.Collections.Concurrent;
using ServiceBot.Abstractions.Cache;

namespace ServiceBot.Core.Cache;

/// <summary>The answer cache in process memory: the embedded default for a single server.</summary>
/// <remarks>Thread-safe. Returned entries are copies, so callers cannot change the cache by accident.</remarks>
internal sealed class InMemoryAnswerCache : IAnswerCache
{
    private readonly ConcurrentDictionary<(string Bot, string Key), Slot> _entries = new();

    public ValueTask<CachedAnswer?> GetAsync(string botId, string key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_entries.TryGetValue((botId, key), out var slot) ? slot.Snapshot() : null);

    public ValueTask SetAsync(CachedAnswer entry, CancellationToken cancellationToken)
    {
        _entries[(entry.BotId, entry.Key)] = new Slot(Copy(entry));
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> RemoveAsync(string botId, string key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_entries.TryRemove((botId, key), out _));

    public ValueTask<IReadOnlyList<CachedAnswer>> ListAsync(string botId, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<CachedAnswer>>(
            [.. _entries.Where(p => p.Key.Bot == botId).Select(p => p.Value.Snapshot()).OrderBy(e => e.Key, StringComparer.Ordinal)]);

    public ValueTask<long> RecordHitAsync(string botId, string key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_entries.TryGetValue((botId, key), out var slot) ? Interlocked.Increment(ref slot.Hits) : 0);

    private static CachedAnswer Copy(CachedAnswer e) => new()
    {
        BotId = e.BotId,
        Key = e.Key,
        Question = e.Question,
        Answer = e.Answer.Clone(),
        FaqId = e.FaqId,
        FaqVersion = e.FaqVersion,
        Locale = e.Locale,
        Source = e.Source,
        CreatedAt = e.CreatedAt,
        Hits = 0,
    };

    private sealed class Slot(CachedAnswer entry)
    {
#pragma warning disable SA1401, CA1051 // Interlocked needs a field.
        public long Hits;
#pragma warning restore SA1401, CA1051

        public CachedAnswer Snapshot()
        {
            var copy = Copy(entry);
            copy.Hits = Interlocked.Read(ref Hits);
            return copy;
        }
    }
}
