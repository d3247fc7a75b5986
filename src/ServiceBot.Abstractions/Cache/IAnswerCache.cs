namespace ServiceBot.Abstractions.Cache;

/// <summary>
/// Storage of the high-frequency answer cache: exact key → curated answer, with hit counts.
/// In-process by default, Redis when configured so every replica shares entries and counts.
/// </summary>
/// <remarks>Thread-safe. Near-duplicate matching is the funnel's job; the store only maps keys.</remarks>
public interface IAnswerCache
{
    ValueTask<CachedAnswer?> GetAsync(string botId, string key, CancellationToken cancellationToken);

    /// <summary>Adds or replaces the entry for its <see cref="CachedAnswer.Key"/>; hit counts restart.</summary>
    ValueTask SetAsync(CachedAnswer entry, CancellationToken cancellationToken);

    ValueTask<bool> RemoveAsync(string botId, string key, CancellationToken cancellationToken);

    /// <summary>All entries of a bot with their hit counts.</summary>
    ValueTask<IReadOnlyList<CachedAnswer>> ListAsync(string botId, CancellationToken cancellationToken);

    /// <summary>Counts a hit and returns the new count.</summary>
    ValueTask<long> RecordHitAsync(string botId, string key, CancellationToken cancellationToken);
}
