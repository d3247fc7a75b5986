using System.Diagnostics;
using ServiceBot.Abstractions.State;
using StackExchange.Redis;

namespace ServiceBot.Redis;

/// <summary>
/// A conversation lock shared by every replica: a Redis key set only when absent, with a lease so a
/// killed replica's lock frees itself, released only by its owner (compared by a random token).
/// </summary>
/// <remarks>Thread-safe. Waiters poll with a short, growing back-off, which keeps Redis load low under contention.</remarks>
internal sealed class RedisConversationLock(RedisConnection redis) : IConversationLock
{
    private const string ReleaseScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    public async ValueTask<IAsyncDisposable> AcquireAsync(string key, TimeSpan wait, CancellationToken cancellationToken)
    {
        var redisKey = redis.Key("lock", key);
        var token = Guid.NewGuid().ToString("N");
        var started = Stopwatch.GetTimestamp();
        var delay = TimeSpan.FromMilliseconds(2);
        while (true)
        {
            if (await redis.Database.StringSetAsync(redisKey, token, redis.Options.LockLease, When.NotExists).ConfigureAwait(false))
            {
                return new Handle(redis, redisKey, token);
            }

            var remaining = wait - Stopwatch.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                throw new ConversationLockTimeoutException(key, wait);
            }

            await Task.Delay(delay < remaining ? delay : remaining, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 50));
        }
    }

    private sealed class Handle(RedisConnection redis, RedisKey key, string token) : IAsyncDisposable
    {
        private int _released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                await redis.Database.ScriptEvaluateAsync(ReleaseScript, [key], [token]).ConfigureAwait(false);
            }
        }
    }
}
