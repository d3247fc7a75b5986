using Microsoft.Extensions.Options;
using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Turns;
using ServiceBot.Funnel.Guard;

namespace ServiceBot.Funnel.Tests.Guard;

public sealed class GuardStageTests
{
    private readonly ManualTime _time = new();
    private readonly GuardStage _stage;

    public GuardStageTests()
    {
        var options = Options.Create(new FunnelOptions());
        _stage = new GuardStage(new FunnelSettingsCache(), new InMemoryRateLimiter(_time, options), options);
    }

    [Fact]
    public async Task PassesAnOrdinaryMessage()
    {
        var turn = TestBots.Turn("我要退货");

        Assert.True(await TestBots.RunAsync(_stage, turn));
        Assert.Equal(TurnOutcome.None, turn.Outcome);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   \n\t ", "empty")]
    [InlineData(null, "empty")]
    [InlineData("？？？!!!", "symbols-only")]
    [InlineData("😀😀", "symbols-only")]
    [InlineData("……", "symbols-only")]
    public async Task RefusesMessagesWithNothingToAnswer(string? text, string reason)
    {
        var turn = TestBots.Turn(text);

        Assert.False(await TestBots.RunAsync(_stage, turn));
        Assert.Equal(TurnOutcome.Refused, turn.Outcome);
        Assert.Equal("guard", turn.AnsweredBy);
        Assert.Equal(reason, turn.Trace.Find("guard")!.Notes!["reason"]);
        Assert.False(string.IsNullOrWhiteSpace(Assert.Single(turn.Replies).Text));
    }

    [Fact]
    public async Task LetsAnEmptyMessageWithAnAttachmentThrough()
    {
        var turn = TestBots.Turn("");
        turn.Activity.Attachments = [new Attachment { ContentType = "image/png", ContentUrl = "https://example.invalid/a.png" }];

        Assert.True(await TestBots.RunAsync(_stage, turn));
    }

    [Fact]
    public async Task RefusesATooLongMessage_NamingTheLimitInTheReply()
    {
        var bot = TestBots.Bot("id: t\nfunnel:\n  guard:\n    max-chars: 50\n");
        var turn = TestBots.Turn(new string('退', 51), bot);

        Assert.False(await TestBots.RunAsync(_stage, turn));
        Assert.Equal(TurnOutcome.Refused, turn.Outcome);
        Assert.Contains("50", turn.Replies[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesAOneMegabyteMessage_WithoutTouchingItsText()
    {
        var huge = new string('a', 1024 * 1024);
        var turn = TestBots.Turn(huge);

        Assert.False(await TestBots.RunAsync(_stage, turn));
        Assert.Equal("too-long", turn.Trace.Find("guard")!.Notes!["reason"]);
        Assert.Same(huge, turn.Activity.Text);
    }

    [Fact]
    public async Task RepairsInvalidUtf16_AndLetsTheMessageThrough()
    {
        var turn = TestBots.Turn("我要\uD800退货\u0007\uDC00");

        Assert.True(await TestBots.RunAsync(_stage, turn));
        Assert.Equal("我要\uFFFD退货\uFFFD", turn.Text);
        Assert.True(turn.Trace.Find("guard")!.Notes!.ContainsKey("repaired"));
    }

    [Fact]
    public void Repair_KeepsValidSurrogatePairsAndReturnsTheSameInstanceForValidText()
    {
        const string valid = "好的👍\n谢谢";

        Assert.Same(valid, GuardStage.Repair(valid));
        Assert.Equal("👍\uFFFD", GuardStage.Repair("👍\uD83D"));
    }

    [Fact]
    public async Task RateLimitsAConversation_AndAdmitsAgainWhenTheWindowMoves()
    {
        var bot = TestBots.Bot("id: t\nfunnel:\n  guard:\n    rate-limit: 3\n    rate-window-seconds: 10\n");
        for (var i = 0; i < 3; i++)
        {
            Assert.True(await TestBots.RunAsync(_stage, TestBots.Turn("问题" + i, bot)));
        }

        var limited = TestBots.Turn("问题3", bot);
        Assert.False(await TestBots.RunAsync(_stage, limited));
        Assert.Equal("rate-limited", limited.Trace.Find("guard")!.Notes!["reason"]);
        Assert.Contains("10", limited.Replies[0].Text, StringComparison.Ordinal);

        Assert.True(await TestBots.RunAsync(_stage, TestBots.Turn("别的会话", bot, conversation: "c2")));

        _time.Advance(TimeSpan.FromSeconds(10.5));
        Assert.True(await TestBots.RunAsync(_stage, TestBots.Turn("问题4", bot)));
    }

    [Fact]
    public async Task UserRateLimit_CountsAcrossConversations_WhenTurnedOn()
    {
        var bot = TestBots.Bot("id: t\nfunnel:\n  guard:\n    rate-limit: 0\n    user-rate-limit: 2\n");
        Assert.True(await TestBots.RunAsync(_stage, TestBots.Turn("一", bot, conversation: "a")));
        Assert.True(await TestBots.RunAsync(_stage, TestBots.Turn("二", bot, conversation: "b")));

        Assert.False(await TestBots.RunAsync(_stage, TestBots.Turn("三", bot, conversation: "c")));
        Assert.True(await TestBots.RunAsync(_stage, TestBots.Turn("三", bot, conversation: "c", user: "someone-else")));
    }

    [Fact]
    public async Task RefusesTheSameMessageRepeated_ButNotADifferentOne()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.True(await TestBots.RunAsync(_stage, TestBots.Turn("我的快递到哪了")));
        }

        var flood = TestBots.Turn("我的快递到哪了！！");
        Assert.False(await TestBots.RunAsync(_stage, flood));
        Assert.Equal("flood", flood.Trace.Find("guard")!.Notes!["reason"]);

        Assert.True(await TestBots.RunAsync(_stage, TestBots.Turn("我要退货")));
    }

    [Fact]
    public async Task UsesTheBotsReply_InTheTurnsLanguage()
    {
        var bot = TestBots.Bot("id: t\nfunnel:\n  guard:\n    replies:\n      empty:\n        zh: 请说\n        en: Say something\n");

        var zh = TestBots.Turn(" ", bot);
        var en = TestBots.Turn(" ", bot, locale: "en-US");
        var builtIn = TestBots.Turn("???", bot, locale: "en-US");
        await TestBots.RunAsync(_stage, zh);
        await TestBots.RunAsync(_stage, en);
        await TestBots.RunAsync(_stage, builtIn);

        Assert.Equal("请说", zh.Replies[0].Text);
        Assert.Equal("Say something", en.Replies[0].Text);
        Assert.Contains("didn't catch", builtIn.Replies[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PassesNonMessageActivities()
    {
        var turn = TestBots.Turn(null);
        turn.Activity.Type = ActivityTypes.ConversationUpdate;

        Assert.True(await TestBots.RunAsync(_stage, turn));
    }
}
