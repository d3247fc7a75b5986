using Microsoft.Extensions.DependencyInjection;
using ServiceBot.SampleBackend;
using ServiceBot.Server.Endpoints;
using ServiceBot.Testing;

namespace ServiceBot.TaskBot.Tests.Dialogs;

/// <summary>
/// The dialog stack lives in the conversation state: another replica continues it (Redis), and a
/// workflow left idle longer than <c>taskbot.idle-timeout</c> is forgotten.
/// </summary>
public sealed class DialogStateTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task AnotherReplicaContinuesTheWorkflow()
    {
        var store = redis.Require();
        await using var backend = await SampleShopBackend.StartAsync("http://127.0.0.1:0", cancellationToken: TestContext.Current.CancellationToken);
        var settings = Settings(backend, store.Configuration);
        await using var first = await ServiceBotTestServer.StartAsync(settings);
        await using var second = await ServiceBotTestServer.StartAsync(settings);
        var conversation = "replica-" + Guid.NewGuid().ToString("N")[..8];

        var started = await first.SendAsync(Turn(conversation, "我要退货"), TestContext.Current.CancellationToken);
        var continued = await second.SendAsync(Turn(conversation, "LM20241020456"), TestContext.Current.CancellationToken);

        Assert.Equal("taskbot", started.AnsweredBy);
        Assert.Equal("taskbot", continued.AnsweredBy);
        Assert.Contains("退货原因", Text(continued), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnIdleWorkflowIsForgotten()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.FromHours(8)));
        await using var backend = await SampleShopBackend.StartAsync("http://127.0.0.1:0", cancellationToken: TestContext.Current.CancellationToken);
        await using var server = await ServiceBotTestServer.StartAsync(Settings(backend, null), services => services.AddSingleton<TimeProvider>(clock));
        var recent = "idle-" + Guid.NewGuid().ToString("N")[..8];
        var stale = "idle-" + Guid.NewGuid().ToString("N")[..8];

        await server.SendAsync(Turn(recent, "我要退货"), TestContext.Current.CancellationToken);
        await server.SendAsync(Turn(stale, "我要退货"), TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromMinutes(10));
        var afterTenMinutes = await server.SendAsync(Turn(recent, "LM20241020456"), TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromMinutes(25));
        var afterThirtyFive = await server.SendAsync(Turn(stale, "LM20241020456"), TestContext.Current.CancellationToken);

        Assert.Contains("退货原因", Text(afterTenMinutes), StringComparison.Ordinal);
        Assert.DoesNotContain("退货原因", Text(afterThirtyFive), StringComparison.Ordinal);
        Assert.Contains(afterThirtyFive.Trace!.Steps, s => s.Notes?.ContainsKey("taskbot.expired") == true);
    }

    private static Dictionary<string, string?> Settings(SampleShopBackend backend, string? redisConfiguration)
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ServiceBot:TaskBot:Backends:shop:Url"] = backend.Address.ToString().TrimEnd('/'),
        };
        if (redisConfiguration is not null)
        {
            settings["ServiceBot:Redis:Configuration"] = redisConfiguration;
            settings["ServiceBot:Redis:KeyPrefix"] = "taskbot-test-" + Guid.NewGuid().ToString("N")[..6] + ":";
        }

        return settings;
    }

    private static TurnApiRequest Turn(string conversation, string text) => new()
    {
        ConversationId = conversation,
        UserId = "tester",
        Text = text,
        Locale = "zh-CN",
    };

    private static string Text(TurnApiResponse response) => string.Join("\n", response.Replies.Select(r => r.Text));

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
