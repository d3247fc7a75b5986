using System.Text.Json;
using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Cache;
using StackExchange.Redis;

namespace ServiceBot.Redis;

/// <summary>
/// The answer cache in Redis: one hash of entries and one hash of hit counters per bot, so every
/// replica sees the same entries and counts.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class RedisAnswerCache(RedisConnection redis) : IAnswerCache
{
    public async ValueTask<CachedAnswer?> GetAsync(string botId, string key, CancellationToken cancellationToken)
    {
        var batch = redis.Database.CreateBatch();
        var entry = batch.HashGetAsync(Entries(botId), key);
        var hits = batch.HashGetAsync(Hits(botId), key);
        batch.Execute();
        var json = await entry.ConfigureAwait(false);
        if (json.IsNull)
        {
            return null;
        }

        var answer = Deserialize(json);
        answer.Hits = (long?)await hits.ConfigureAwait(false) ?? 0;
        return answer;
    }

    public async ValueTask SetAsync(CachedAnswer entry, CancellationToken cancellationToken)
    {
        var transaction = redis.Database.CreateTransaction();
        _ = transaction.HashSetAsync(Entries(entry.BotId), entry.Key, JsonSerializer.Serialize(entry, ActivityJson.Options));
        _ = transaction.HashDeleteAsync(Hits(entry.BotId), entry.Key);
        await transaction.ExecuteAsync().ConfigureAwait(false);
    }

    public async ValueTask<bool> RemoveAsync(string botId, string key, CancellationToken cancellationToken)
    {
        var transaction = redis.Database.CreateTransaction();
        var removed = transaction.HashDeleteAsync(Entries(botId), key);
        _ = transaction.HashDeleteAsync(Hits(botId), key);
        await transaction.ExecuteAsync().ConfigureAwait(false);
        return await removed.ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<CachedAnswer>> ListAsync(string botId, CancellationToken cancellationToken)
    {
        var entries = await redis.Database.HashGetAllAsync(Entries(botId)).ConfigureAwait(false);
        var hits = (await redis.Database.HashGetAllAsync(Hits(botId)).ConfigureAwait(false))
            .ToDictionary(h => (string)h.Name!, h => (long)h.Value, StringComparer.Ordinal);
        return [.. entries
            .Select(e =>
            {
                var answer = Deserialize(e.Value);
                answer.Hits = hits.GetValueOrDefault(answer.Key);
                return answer;
            })
            .OrderBy(e => e.Key, StringComparer.Ordinal)];
    }

    public async ValueTask<long> RecordHitAsync(string botId, string key, CancellationToken cancellationToken)
    {
        if (!await redis.Database.HashExistsAsync(Entries(botId), key).ConfigureAwait(false))
        {
            return 0;
        }

        return await redis.Database.HashIncrementAsync(Hits(botId), key).ConfigureAwait(false);
    }

    private RedisKey Entries(string botId) => redis.Key("cache", botId);

    private RedisKey Hits(string botId) => redis.Key("cache-hits", botId);

    private static CachedAnswer Deserialize(RedisValue json) =>
        JsonSerializer.Deserialize<CachedAnswer>((string)json!, ActivityJson.Options) ?? throw new JsonException("A cached answer is null.");
}
