using Microsoft.Extensions.Logging.Abstractions;
using ServiceBot.Abstractions.Knowledge;
using ServiceBot.Testing;

namespace ServiceBot.Redis.Tests;

/// <summary>What replicas sharing one Redis rely on.</summary>
public sealed class RedisReplicaTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AChangePublishedOnOneReplicaReachesAnother()
    {
        var prefix = "rep-" + Guid.NewGuid().ToString("N")[..8] + ":";
        using var one = new RedisKnowledgeChangeNotifier(Connect.To(redis, prefix), NullLogger<RedisKnowledgeChangeNotifier>.Instance);
        using var two = new RedisKnowledgeChangeNotifier(Connect.To(redis, prefix), NullLogger<RedisKnowledgeChangeNotifier>.Instance);
        var received = new TaskCompletionSource<KnowledgeChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = two.Subscribe((change, _) =>
        {
            received.TrySetResult(change);
            return ValueTask.CompletedTask;
        });
        var ownDeliveries = 0;
        using var own = one.Subscribe((_, _) =>
        {
            ownDeliveries++;
            return ValueTask.CompletedTask;
        });

        // Pub/sub subscriptions take effect asynchronously; publish until the other replica hears it.
        for (var i = 0; i < 50 && !received.Task.IsCompleted; i++)
        {
            await one.PublishAsync(new KnowledgeChange("shop", 42, ["returns-how"], ""), Ct);
            await Task.WhenAny(received.Task, Task.Delay(100, Ct));
        }

        var change = await received.Task.WaitAsync(TimeSpan.FromSeconds(5), Ct);
        Assert.Equal(42, change.Revision);
        Assert.Equal(["returns-how"], change.EntryIds);
        Assert.True(ownDeliveries >= 1);
    }

    [Fact]
    public async Task ALockOfAKilledHolderFreesItselfAfterTheLease()
    {
        var prefix = "lease-" + Guid.NewGuid().ToString("N")[..8] + ":";
        var connection = new RedisConnection(Microsoft.Extensions.Options.Options.Create(new RedisOptions
        {
            Configuration = redis.Require().Configuration,
            KeyPrefix = prefix,
            LockLease = TimeSpan.FromMilliseconds(300),
        }));
        var locks = new RedisConversationLock(connection);

        // Taken and never released, as by a replica that died mid-turn.
        _ = await locks.AcquireAsync("c1", TimeSpan.FromSeconds(1), Ct);

        await using var next = await locks.AcquireAsync("c1", TimeSpan.FromSeconds(10), Ct);
    }

    [Fact]
    public async Task StoreCallsFailClearlyWhileRedisIsDown()
    {
        await using var server = await RedisServer.StartAsync();
        var store = new RedisConversationStateStore(new RedisConnection(Microsoft.Extensions.Options.Options.Create(new RedisOptions { Configuration = server.Configuration + ",connectRetry=0", KeyPrefix = "down:" })));
        await store.WriteAsync("c1", "1"u8.ToArray(), null, TimeSpan.FromDays(1), Ct);

        server.Kill();

        await Assert.ThrowsAnyAsync<Exception>(async () => await store.ReadAsync("c1", Ct));
    }
}
