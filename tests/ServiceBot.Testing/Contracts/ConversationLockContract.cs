using ServiceBot.Abstractions.State;

namespace ServiceBot.Testing.Contracts;

/// <summary>The behaviour every <see cref="IConversationLock"/> must have.</summary>
public abstract class ConversationLockContract
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(20);

    protected abstract Task<IConversationLock> CreateLockAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewKey() => "lock-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task SecondHolderWaitsUntilTheFirstReleases()
    {
        var locks = await CreateLockAsync();
        var key = NewKey();
        var first = await locks.AcquireAsync(key, Long, Ct);
        var second = locks.AcquireAsync(key, Long, Ct).AsTask();
        await Task.Delay(100, Ct);
        Assert.False(second.IsCompleted, "the second holder got the lock while the first held it");
        await first.DisposeAsync();
        await using var _ = await second.WaitAsync(Long, Ct);
    }

    [Fact]
    public async Task TimesOutWhenTheLockStaysHeld()
    {
        var locks = await CreateLockAsync();
        var key = NewKey();
        await using var held = await locks.AcquireAsync(key, Long, Ct);
        var timeout = await Assert.ThrowsAsync<ConversationLockTimeoutException>(async () => await locks.AcquireAsync(key, TimeSpan.FromMilliseconds(100), Ct));
        Assert.Equal(key, timeout.Key);
    }

    [Fact]
    public async Task DifferentConversationsDoNotBlockEachOther()
    {
        var locks = await CreateLockAsync();
        await using var a = await locks.AcquireAsync(NewKey(), Long, Ct);
        await using var b = await locks.AcquireAsync(NewKey(), TimeSpan.FromSeconds(5), Ct);
    }

    [Fact]
    public async Task ReleasingTwiceIsHarmless()
    {
        var locks = await CreateLockAsync();
        var key = NewKey();
        var held = await locks.AcquireAsync(key, Long, Ct);
        await held.DisposeAsync();
        await held.DisposeAsync();
        await using var again = await locks.AcquireAsync(key, TimeSpan.FromSeconds(5), Ct);
        var blocked = locks.AcquireAsync(key, TimeSpan.FromMilliseconds(100), Ct).AsTask();
        await Assert.ThrowsAsync<ConversationLockTimeoutException>(() => blocked);
    }

    [Fact]
    public async Task ManyContendersEachGetTheLockOnceAtATime()
    {
        var locks = await CreateLockAsync();
        var key = NewKey();
        var inside = 0;
        var maxInside = 0;
        await Task.WhenAll(Enumerable.Range(0, 12).Select(async _ =>
        {
            await using var held = await locks.AcquireAsync(key, Long, Ct);
            var now = Interlocked.Increment(ref inside);
            InterlockedMax(ref maxInside, now);
            await Task.Delay(5, Ct);
            Interlocked.Decrement(ref inside);
        }));
        Assert.Equal(1, maxInside);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
