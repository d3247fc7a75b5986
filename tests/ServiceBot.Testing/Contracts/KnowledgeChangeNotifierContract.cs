using ServiceBot.Abstractions.Knowledge;

namespace ServiceBot.Testing.Contracts;

/// <summary>The behaviour every <see cref="IKnowledgeChangeNotifier"/> must have, seen from one replica.</summary>
public abstract class KnowledgeChangeNotifierContract
{
    protected abstract Task<IKnowledgeChangeNotifier> CreateNotifierAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SubscribersOnThePublishingReplicaSeeTheChangeBeforePublishReturns()
    {
        var notifier = await CreateNotifierAsync();
        var seen = new List<KnowledgeChange>();
        using var subscription = notifier.Subscribe((change, _) =>
        {
            seen.Add(change);
            return ValueTask.CompletedTask;
        });

        await notifier.PublishAsync(new KnowledgeChange("shop", 7, ["returns-how"], "test"), Ct);

        var change = Assert.Single(seen);
        Assert.Equal("shop", change.BotId);
        Assert.Equal(7, change.Revision);
        Assert.Equal(["returns-how"], change.EntryIds);
    }

    [Fact]
    public async Task StopsDeliveringAfterUnsubscribe()
    {
        var notifier = await CreateNotifierAsync();
        var count = 0;
        var subscription = notifier.Subscribe((_, _) =>
        {
            count++;
            return ValueTask.CompletedTask;
        });
        subscription.Dispose();
        await notifier.PublishAsync(new KnowledgeChange("shop", 1, [], "test"), Ct);
        Assert.Equal(0, count);
    }

    [Fact]
    public async Task AFailingSubscriberDoesNotStopTheOthers()
    {
        var notifier = await CreateNotifierAsync();
        var delivered = false;
        using var failing = notifier.Subscribe((_, _) => throw new InvalidOperationException("subscriber bug"));
        using var working = notifier.Subscribe((_, _) =>
        {
            delivered = true;
            return ValueTask.CompletedTask;
        });
        await notifier.PublishAsync(new KnowledgeChange("shop", 1, [], "test"), Ct);
        Assert.True(delivered);
    }
}
