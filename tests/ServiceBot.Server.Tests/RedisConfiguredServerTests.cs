using ServiceBot.Abstractions.Turns;
using ServiceBot.Testing;
using StackExchange.Redis;

namespace ServiceBot.Server.Tests;

/// <summary>
/// The same turns with <c>ServiceBot:Redis:Configuration</c> set: state, cache and locks live in a
/// real redis-server, so a second server (another replica, or a restart) carries the conversation on.
/// </summary>
public sealed class RedisConfiguredServerTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task ConversationState_LivesInRedis_AndSurvivesAServerRestart()
    {
        var server = redis.Require();
        var prefix = "sb-" + Guid.NewGuid().ToString("N")[..8] + ":";
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ServiceBot:Redis:Configuration"] = server.Configuration,
            ["ServiceBot:Redis:KeyPrefix"] = prefix,
        };
        var conversationId = "redis-" + Guid.NewGuid().ToString("N")[..8];

        await using (var first = await ServiceBotTestServer.StartAsync(settings))
        {
            var turn = await first.SendAsync(new() { ConversationId = conversationId, UserId = "u1", Text = "怎么退货", Locale = "zh-CN" }, TestContext.Current.CancellationToken);
            Assert.Equal("kbbot", turn.AnsweredBy);
        }

        using var connection = await ConnectionMultiplexer.ConnectAsync(server.Configuration);
        var keys = connection.GetServer(connection.GetEndPoints()[0]).Keys(pattern: prefix + "*").Select(k => k.ToString()).ToList();
        Assert.Contains(keys, k => k.StartsWith(prefix + "state:", StringComparison.Ordinal) && k.Contains(conversationId, StringComparison.Ordinal));
        Assert.DoesNotContain(keys, k => k.StartsWith(prefix + "lock:", StringComparison.Ordinal));

        await using var second = await ServiceBotTestServer.StartAsync(settings);
        var next = await second.SendAsync(new() { ConversationId = conversationId, UserId = "u1", Text = "how do I return an item", Locale = "en-US" }, TestContext.Current.CancellationToken);
        Assert.Equal("kbbot", next.AnsweredBy);
        Assert.Equal(TurnOutcome.Answered, next.Outcome);

        var state = await connection.GetDatabase().HashGetAsync(keys.First(k => k.StartsWith(prefix + "state:", StringComparison.Ordinal)), "d");
        Assert.Contains("returns-how-en", state.ToString(), StringComparison.Ordinal);
    }
}
