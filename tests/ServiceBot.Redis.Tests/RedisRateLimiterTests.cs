using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServiceBot.Abstractions.Throttling;
using ServiceBot.Testing;

namespace ServiceBot.Redis.Tests;

/// <summary>The rate limiter several replicas share, against a real Redis.</summary>
public sealed class RedisRateLimiterTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AdmitsUpToTheLimit_ThenDeniesWithARetryAfterInsideTheWindow()
    {
        var limiter = new RedisRateLimiter(Connect.To(redis));
        var window = TimeSpan.FromMinutes(1);

        var decisions = new List<RateLimitDecision>();
        for (var i = 0; i < 4; i++)
        {
            decisions.Add(await limiter.AcquireAsync("user-1", 3, window, Ct));
        }

        Assert.Equal([true, true, true, false], decisions.Select(d => d.IsAllowed));
        Assert.Equal([1d, 2d, 3d, 3d], decisions.Select(d => d.Count));
        Assert.InRange(decisions[3].RetryAfter, TimeSpan.FromTicks(1), window);
        Assert.True((await limiter.AcquireAsync("user-2", 3, window, Ct)).IsAllowed, "another key has its own window");
    }

    [Fact]
    public async Task TwoReplicasShareOneWindow_AndNeverAdmitMoreThanTheLimitTogether()
    {
        var prefix = "test-" + Guid.NewGuid().ToString("N")[..8] + ":";
        var first = new RedisRateLimiter(Connect.To(redis, prefix));
        var second = new RedisRateLimiter(Connect.To(redis, prefix));

        var attempts = Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? first : second).AcquireAsync("conversation-7", 10, TimeSpan.FromMinutes(1), Ct).AsTask());
        var decisions = await Task.WhenAll(attempts);

        Assert.Equal(10, decisions.Count(d => d.IsAllowed));
    }

    [Fact]
    public async Task AdmitsAgainOnceTheEarlierEventsLeaveTheWindow()
    {
        var limiter = new RedisRateLimiter(Connect.To(redis));
        var window = TimeSpan.FromMilliseconds(300);

        Assert.True((await limiter.AcquireAsync("k", 1, window, Ct)).IsAllowed);
        var denied = await limiter.AcquireAsync("k", 1, window, Ct);
        Assert.False(denied.IsAllowed);

        await Task.Delay(denied.RetryAfter + TimeSpan.FromMilliseconds(50), Ct);

        Assert.True((await limiter.AcquireAsync("k", 1, window, Ct)).IsAllowed);
    }

    [Fact]
    public async Task RejectsANonPositiveLimitOrWindow()
    {
        var limiter = new RedisRateLimiter(Connect.To(redis));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => limiter.AcquireAsync("k", 0, TimeSpan.FromSeconds(1), Ct).AsTask());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => limiter.AcquireAsync("k", 1, TimeSpan.Zero, Ct).AsTask());
    }
}

/// <summary>Which stores the Redis registration puts in place, and that it leaves the in-process ones alone without Redis.</summary>
public sealed class RedisRegistrationTests
{
    [Fact]
    public void WithRedisConfigured_TheRateLimiterIsRedisBacked_EvenWhenTheFunnelRegistersItsOwnAfterwards()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>(StringComparer.Ordinal) { ["ServiceBot:Redis:Configuration"] = "localhost:6379" })
            .Build();

        services.AddServiceBotRedis(configuration);
        services.TryAddSingleton<IRateLimiter, Placeholder>();

        var registered = Assert.Single(services, d => d.ServiceType == typeof(IRateLimiter));
        Assert.Equal(typeof(RedisRateLimiter), registered.ImplementationType);
    }

    [Fact]
    public void WithoutRedis_NothingIsRegistered()
    {
        var services = new ServiceCollection();

        services.AddServiceBotRedis(new ConfigurationBuilder().Build());

        Assert.DoesNotContain(services, d => d.ServiceType == typeof(IRateLimiter));
    }

    private sealed class Placeholder : IRateLimiter
    {
        public ValueTask<RateLimitDecision> AcquireAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}
