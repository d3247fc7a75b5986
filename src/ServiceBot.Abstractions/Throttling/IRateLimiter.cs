namespace ServiceBot.Abstractions.Throttling;

/// <summary>
/// Counts events per key over a sliding window and says whether one more is allowed: the funnel's
/// guard uses it for per-user rate limits and for flood detection (the same message repeated).
/// </summary>
/// <remarks>
/// Implementations are thread-safe and shared by all turns; an in-process one serves a single
/// replica and a Redis one serves several. A denied attempt is not counted, so a client that keeps
/// sending while limited is let in again once its earlier messages leave the window. Keys are
/// opaque; callers pass hashes, never raw customer text. A non-positive <c>limit</c> or
/// <c>window</c> throws <see cref="ArgumentOutOfRangeException"/>.
/// </remarks>
public interface IRateLimiter
{
    /// <summary>Counts one event for <paramref name="key"/> unless that would exceed <paramref name="limit"/> events in <paramref name="window"/>.</summary>
    ValueTask<RateLimitDecision> AcquireAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken);
}
