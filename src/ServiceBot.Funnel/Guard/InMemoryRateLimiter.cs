using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using ServiceBot.Abstractions.Throttling;

namespace ServiceBot.Funnel.Guard;

/// <summary>
/// An exact sliding-window limiter for one replica: each key keeps the times of its admitted
/// events (at most <c>limit</c> of them). Thread-safe; a key's log is locked only while it is read
/// and updated. When more than <see cref="FunnelOptions.MaxRateLimitKeys"/> keys are held, keys
/// with no event inside their window are dropped.
/// </summary>
internal sealed class InMemoryRateLimiter(TimeProvider time, IOptions<FunnelOptions> options) : IRateLimiter
{
    /// <summary>The largest limit accepted; the log of a key holds up to this many times.</summary>
    public const int MaxLimit = 100_000;

    private readonly ConcurrentDictionary<string, EventLog> _logs = new(StringComparer.Ordinal);
    private readonly int _maxKeys = options.Value.MaxRateLimitKeys;
    private int _pruning;

    public int KeyCount => _logs.Count;

    public ValueTask<RateLimitDecision> AcquireAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLimit);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);

        var now = time.GetUtcNow().UtcTicks;
        if (_logs.Count >= _maxKeys)
        {
            Prune(now);
        }

        var log = _logs.GetOrAdd(key, static _ => new EventLog());
        return ValueTask.FromResult(log.TryAdd(now, limit, window.Ticks));
    }

    private void Prune(long now)
    {
        if (Interlocked.Exchange(ref _pruning, 1) == 1)
        {
            return;
        }

        try
        {
            foreach (var (key, log) in _logs)
            {
                if (log.IsIdle(now))
                {
                    _logs.TryRemove(key, out _);
                }
            }
        }
        finally
        {
            Volatile.Write(ref _pruning, 0);
        }
    }

    private sealed class EventLog
    {
        private readonly Queue<long> _times = new();
        private long _window;

        public RateLimitDecision TryAdd(long now, int limit, long window)
        {
            lock (_times)
            {
                _window = window;
                while (_times.Count > 0 && (_times.Peek() <= now - window || _times.Count > limit))
                {
                    _times.Dequeue();
                }

                if (_times.Count >= limit)
                {
                    var retry = _times.Peek() + window - now;
                    return new RateLimitDecision(false, _times.Count, TimeSpan.FromTicks(Math.Max(1, retry)));
                }

                _times.Enqueue(now);
                return new RateLimitDecision(true, _times.Count, TimeSpan.Zero);
            }
        }

        public bool IsIdle(long now)
        {
            lock (_times)
            {
                return _times.Count == 0 || _times.Last() <= now - _window;
            }
        }
    }
}
