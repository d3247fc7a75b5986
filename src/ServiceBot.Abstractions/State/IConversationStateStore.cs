namespace ServiceBot.Abstractions.State;

/// <summary>
/// Durable key → state bytes with optimistic concurrency. The in-process implementation serves the
/// embedded default; the Redis one lets any replica serve any turn.
/// </summary>
/// <remarks>Thread-safe. Keys are opaque to the store.</remarks>
public interface IConversationStateStore
{
    /// <summary>Reads the state and its ETag, or null when there is none (or it expired).</summary>
    ValueTask<StoredState?> ReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the state when the stored ETag still equals <paramref name="expectedETag"/> (null: only
    /// when nothing is stored), and returns the new ETag. The entry expires after
    /// <paramref name="timeToLive"/> without writes.
    /// </summary>
    /// <exception cref="ETagConflictException">Someone else wrote (or deleted) the state since it was read.</exception>
    ValueTask<string> WriteAsync(string key, ReadOnlyMemory<byte> data, string? expectedETag, TimeSpan timeToLive, CancellationToken cancellationToken);

    /// <summary>Deletes the state; returns false when there was none.</summary>
    ValueTask<bool> DeleteAsync(string key, CancellationToken cancellationToken);
}
