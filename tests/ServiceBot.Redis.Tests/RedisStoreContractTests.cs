using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ServiceBot.Abstractions.Cache;
using ServiceBot.Abstractions.Knowledge;
using ServiceBot.Abstractions.State;
using ServiceBot.Testing;
using ServiceBot.Testing.Contracts;

namespace ServiceBot.Redis.Tests;

internal static class Connect
{
    public static RedisConnection To(RedisFixture fixture, string? prefix = null) =>
        new(Options.Create(new RedisOptions
        {
            Configuration = fixture.Require().Configuration,
            KeyPrefix = prefix ?? "test-" + Guid.NewGuid().ToString("N")[..8] + ":",
            LockLease = TimeSpan.FromSeconds(30),
        }));
}

public sealed class RedisConversationStateStoreTests(RedisFixture redis) : ConversationStateStoreContract, IClassFixture<RedisFixture>
{
    protected override Task<IConversationStateStore> CreateStoreAsync() =>
        Task.FromResult<IConversationStateStore>(new RedisConversationStateStore(Connect.To(redis)));
}

public sealed class RedisConversationLockTests(RedisFixture redis) : ConversationLockContract, IClassFixture<RedisFixture>
{
    protected override Task<IConversationLock> CreateLockAsync() =>
        Task.FromResult<IConversationLock>(new RedisConversationLock(Connect.To(redis)));
}

public sealed class RedisAnswerCacheTests(RedisFixture redis) : AnswerCacheContract, IClassFixture<RedisFixture>
{
    protected override Task<IAnswerCache> CreateCacheAsync() =>
        Task.FromResult<IAnswerCache>(new RedisAnswerCache(Connect.To(redis)));
}

public sealed class RedisKnowledgeChangeNotifierTests(RedisFixture redis) : KnowledgeChangeNotifierContract, IClassFixture<RedisFixture>
{
    protected override Task<IKnowledgeChangeNotifier> CreateNotifierAsync() =>
        Task.FromResult<IKnowledgeChangeNotifier>(new RedisKnowledgeChangeNotifier(Connect.To(redis), NullLogger<RedisKnowledgeChangeNotifier>.Instance));
}
