using System.Globalization;
using ServiceBot.Abstractions.Throttling;
using StackExchange.Redis;

namespace ServiceBot.Redis;

/// <summary>
/// The sliding-window limiter shared by every replica: each key is a sorted set of admitted events
/// scored by time, trimmed, counted and added to in one script, so two replicas can never both admit
/// the last allowed event.
/// </summary>
/// <remarks>
/// Time is Redis's own clock (<c>TIME</c>), so replicas with skewed clocks still share one window. A
/// key expires one window after its last admitted event; denied attempts are not stored.
/// </remarks>
internal sealed class RedisRateLimiter(RedisConnection redis) : IRateLimiter
{
    /// <summary>The largest limit accepted, as in the in-process limiter: a key holds up to this many events.</summary>
    public const int MaxLimit = 100_000;

    // Returns {admitted, count, retry_after_microseconds}. Scores are microseconds of Redis's clock;
    // the member adds the caller's random suffix so events in the same microsecond stay distinct.
    private const string AcquireScript = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local window = tonumber(ARGV[1])
        local limit = tonumber(ARGV[2])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
        local count = redis.call('ZCARD', KEYS[1])
        if count >= limit then
          local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
          return {0, count, tonumber(oldest[2]) + window - now}
        end
        redis.call('ZADD', KEYS[1], now, now .. ':' .. ARGV[3])
        redis.call('PEXPIRE', KEYS[1], math.ceil(window / 1000))
        return {1, count + 1, 0}
        """;

    public async ValueTask<RateLimitDecision> AcquireAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLimit);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);

        var microseconds = Math.Max(1, (long)window.TotalMicroseconds);
        var result = (RedisResult[]?)await redis.Database.ScriptEvaluateAsync(
            AcquireScript,
            [redis.Key("rate", key)],
            [microseconds, limit, Guid.NewGuid().ToString("N")[..12]]).ConfigureAwait(false);
        if (result is not { Length: 3 })
        {
            throw new InvalidOperationException("The rate-limit script returned an unexpected result.");
        }

        var admitted = (long)result[0] == 1;
        var count = (long)result[1];
        var retry = admitted ? TimeSpan.Zero : TimeSpan.FromMicroseconds(Math.Max(1, (long)result[2]));
        return new RateLimitDecision(admitted, count, retry);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"redis rate limiter ({redis.Options.KeyPrefix})");
}
