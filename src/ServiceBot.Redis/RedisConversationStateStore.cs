using ServiceBot.Abstractions.State;
using StackExchange.Redis;

namespace ServiceBot.Redis;

/// <summary>
/// Conversation state in Redis: a hash per conversation holding the state bytes and its ETag,
/// written by a script that compares the ETag and writes in one atomic step.
/// </summary>
/// <remarks>Thread-safe; any replica can continue any conversation.</remarks>
internal sealed class RedisConversationStateStore(RedisConnection redis) : IConversationStateStore
{
    // KEYS[1] state hash; ARGV: expected etag ('' = must not exist), data, ttl in ms, new etag.
    private const string WriteScript = """
        local current = redis.call('HGET', KEYS[1], 'e')
        if current == false then current = '' end
        if current ~= ARGV[1] then return {0, current} end
        redis.call('HSET', KEYS[1], 'd', ARGV[2], 'e', ARGV[4])
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        return {1, ARGV[4]}
        """;

    public async ValueTask<StoredState?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        var values = await redis.Database.HashGetAsync(redis.Key("state", key), ["d", "e"]).ConfigureAwait(false);
        return values[0].IsNull || values[1].IsNull ? null : new StoredState((byte[])values[0]!, (string)values[1]!);
    }

    public async ValueTask<string> WriteAsync(string key, ReadOnlyMemory<byte> data, string? expectedETag, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        var etag = Guid.NewGuid().ToString("N");
        var result = (RedisResult[])(await redis.Database.ScriptEvaluateAsync(
            WriteScript,
            [redis.Key("state", key)],
            [expectedETag ?? "", data.ToArray(), (long)timeToLive.TotalMilliseconds, etag]).ConfigureAwait(false))!;
        if ((long)result[0] != 1)
        {
            var actual = (string?)result[1];
            throw new ETagConflictException(key, expectedETag, string.IsNullOrEmpty(actual) ? null : actual);
        }

        return etag;
    }

    public async ValueTask<bool> DeleteAsync(string key, CancellationToken cancellationToken) =>
        await redis.Database.KeyDeleteAsync(redis.Key("state", key)).ConfigureAwait(false);
}
