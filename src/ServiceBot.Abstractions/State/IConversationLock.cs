namespace ServiceBot.Abstractions.State;

/// <summary>
/// Serializes the turns of one conversation across threads and replicas, so state is loaded and saved
/// by one turn at a time. Turns of different conversations never wait on each other.
/// </summary>
/// <remarks>
/// A lock is a lease: it expires on its own if its holder dies, so a killed replica cannot block a
/// conversation for longer than the lease. Should a lease expire while a slow turn still runs, the
/// state store's ETag check still stops the two turns from overwriting each other.
/// </remarks>
public interface IConversationLock
{
    /// <summary>
    /// Waits up to <paramref name="wait"/> for the lock on <paramref name="key"/>; dispose the result to
    /// release it.
    /// </summary>
    /// <exception cref="ConversationLockTimeoutException">The lock was not free within <paramref name="wait"/>.</exception>
    ValueTask<IAsyncDisposable> AcquireAsync(string key, TimeSpan wait, CancellationToken cancellationToken);
}
