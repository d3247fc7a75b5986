using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.State;
using ServiceBot.Abstractions.Turns;
using ServiceBot.Funnel.Rules;
using ServiceBot.Testing;

namespace ServiceBot.Funnel.Tests.Rules;

public sealed class RulesStageTests : IDisposable
{
    private const string ShopBot = "id: shop\nfunnel:\n  rules: rules.yaml\n";
    private readonly string _dir = Directory.CreateTempSubdirectory("sb-rules-").FullName;
    private readonly ManualTime _time = new();
    private readonly RuleBookRegistry _registry;
    private readonly RulesStage _stage;

    public RulesStageTests()
    {
        _registry = new RuleBookRegistry(new FunnelSettingsCache(), _time, Options.Create(new FunnelOptions { ReloadCheckSeconds = 1 }), NullLogger<RuleBookRegistry>.Instance);
        _stage = new RulesStage(_registry);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private BotDefinition ShopRules()
    {
        File.Copy(Path.Combine(SharedData.RepositoryRoot, "bots", "shop", "rules.yaml"), Path.Combine(_dir, "rules.yaml"), overwrite: true);
        return TestBots.Bot(ShopBot, _dir);
    }

    private BotDefinition Rules(string yaml)
    {
        File.WriteAllText(Path.Combine(_dir, "rules.yaml"), yaml);
        return TestBots.Bot(ShopBot, _dir);
    }

    [Theory]
    [InlineData("你好")]
    [InlineData("您好！")]
    [InlineData("ＨＥＬＬＯ")]
    [InlineData("hi there~")]
    public async Task AnswersAGreeting(string text)
    {
        var turn = TestBots.Turn(text, ShopRules());

        Assert.False(await TestBots.RunAsync(_stage, turn));
        Assert.Equal(TurnOutcome.Answered, turn.Outcome);
        Assert.Equal("rules", turn.AnsweredBy);
        Assert.Equal("greeting", turn.Trace.Find("rules")!.Notes!["rule"]);
    }

    [Theory]
    [InlineData("你好，我要退货")]
    [InlineData("谢谢你们的退款为什么还没到")]
    [InlineData("how do I return an item")]
    public async Task PassesAQuestionThatOnlyStartsLikeAGreeting(string text)
    {
        var turn = TestBots.Turn(text, ShopRules());

        Assert.True(await TestBots.RunAsync(_stage, turn));
        Assert.Empty(turn.Replies);
    }

    [Theory]
    [InlineData("转人工", "zh-CN", "人工客服")]
    [InlineData("帮我转人工客服吧", "zh-CN", "人工客服")]
    [InlineData("人工客服！", "zh-CN", "人工客服")]
    [InlineData("找一下人工客服", "zh-CN", "人工客服")]
    [InlineData("I want to talk to a human", "en-US", "human agent")]
    [InlineData("agent", "en-US", "human agent")]
    public async Task HandsOffWhenAPersonIsAskedFor(string text, string locale, string reply)
    {
        var turn = TestBots.Turn(text, ShopRules(), locale: locale);

        Assert.False(await TestBots.RunAsync(_stage, turn));
        Assert.Equal(TurnOutcome.HandedOff, turn.Outcome);
        Assert.Equal(HandoffStatus.Requested, turn.State.Handoff.Status);
        Assert.Equal("rule:handoff", turn.State.Handoff.Reason);
        Assert.True(turn.HasSideEffects);
        Assert.Contains(reply, turn.Replies[0].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("人工客服什么时候在")]
    [InlineData("人工客服电话是多少")]
    public async Task AQuestionAboutTheAgentsIsNotAHandoffRequest(string text)
    {
        // The knowledge base answers these (store-hours, contact); a handoff would not.
        var turn = TestBots.Turn(text, ShopRules());

        Assert.True(await TestBots.RunAsync(_stage, turn));
        Assert.Empty(turn.Replies);
    }

    [Fact]
    public async Task AHandoffPhraseInsideALongQuestionDoesNotHijackIt()
    {
        var turn = TestBots.Turn("我上周买的耳机坏了，之前联系过人工客服说可以换货，现在应该怎么操作换货流程呢", ShopRules());

        Assert.True(await TestBots.RunAsync(_stage, turn));
    }

    [Fact]
    public async Task StartOver_ClearsTheConversationsSections()
    {
        var turn = TestBots.Turn("重新开始", ShopRules());
        turn.State.StoredSections["taskbot"] = JsonSerializer.SerializeToElement(new { flow = "return", slot = "order" });
        turn.State.GetSection<Dictionary<string, string>>("other")["k"] = "v";

        Assert.False(await TestBots.RunAsync(_stage, turn));
        Assert.False(turn.State.HasSection("taskbot"));
        Assert.False(turn.State.HasSection("other"));
        Assert.Equal("start-over", turn.Trace.Find("rules")!.Notes!["rule"]);
    }

    [Fact]
    public async Task UsesTheChannelsOwnReply()
    {
        var bot = ShopRules();
        var slack = TestBots.Turn("转人工", bot, channel: "slack");
        var web = TestBots.Turn("转人工", bot, channel: "webchat");
        await TestBots.RunAsync(_stage, slack);
        await TestBots.RunAsync(_stage, web);

        Assert.Contains("本频道", slack.Replies[0].Text, StringComparison.Ordinal);
        Assert.DoesNotContain("本频道", web.Replies[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheHigherPriorityRuleWins()
    {
        var bot = Rules("""
            rules:
              - id: low
                priority: 1
                exact: [谢谢]
                replies: low
              - id: high
                priority: 5
                contains: [谢谢]
                replies: high
            """);
        var turn = TestBots.Turn("谢谢", bot);

        await TestBots.RunAsync(_stage, turn);

        Assert.Equal("high", turn.Replies[0].Text);
    }

    [Fact]
    public void AMalformedPattern_IsReportedWithFileLineAndRule()
    {
        Rules("""
            rules:
              - id: broken
                patterns: ['(unclosed']
                replies: x
            """);

        var error = Assert.Throws<BotDefinitionException>(() => RuleBook.Load(Path.Combine(_dir, "rules.yaml")));
        Assert.Contains("broken", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, error.Line);
    }

    [Theory]
    [InlineData("rules:\n  - id: a\n    replies: x\n", "nothing to match")]
    [InlineData("rules:\n  - id: a\n    exact: [hi]\n", "no replies")]
    [InlineData("rules:\n  - id: a\n    exact: [hi]\n    replies: x\n  - id: a\n    exact: [yo]\n    replies: y\n", "defined twice")]
    [InlineData("rules:\n  - id: a\n    exact: ['!!!']\n    replies: x\n", "no letters or digits")]
    [InlineData("rules:\n  - id: a\n    action: explode\n    exact: [hi]\n    replies: x\n", "action")]
    public void RejectsABrokenRulesFile(string yaml, string problem)
    {
        var error = Assert.Throws<BotDefinitionException>(() => RuleBook.Parse(yaml, "rules.yaml"));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReloadsChangedRules_AndKeepsThePreviousOnesWhenTheChangeIsBroken()
    {
        var bot = Rules("rules:\n  - id: hi\n    exact: [hi]\n    replies: one\n");
        var first = TestBots.Turn("hi", bot);
        await TestBots.RunAsync(_stage, first);
        Assert.Equal("one", first.Replies[0].Text);

        File.WriteAllText(Path.Combine(_dir, "rules.yaml"), "rules:\n  - id: hi\n    exact: [hi]\n    replies: two\n");
        File.SetLastWriteTimeUtc(Path.Combine(_dir, "rules.yaml"), DateTime.UtcNow.AddSeconds(5));
        _time.Advance(TimeSpan.FromSeconds(2));
        var second = TestBots.Turn("hi", bot);
        await TestBots.RunAsync(_stage, second);
        Assert.Equal("two", second.Replies[0].Text);

        File.WriteAllText(Path.Combine(_dir, "rules.yaml"), "rules:\n  - id: hi\n    patterns: ['(']\n    replies: three\n");
        File.SetLastWriteTimeUtc(Path.Combine(_dir, "rules.yaml"), DateTime.UtcNow.AddSeconds(10));
        _time.Advance(TimeSpan.FromSeconds(2));
        var third = TestBots.Turn("hi", bot);
        await TestBots.RunAsync(_stage, third);
        Assert.Equal("two", third.Replies[0].Text);
    }

    [Fact]
    public async Task ABotWithoutRulesPassesEveryMessage()
    {
        var turn = TestBots.Turn("你好", TestBots.Bot("id: plain\n", _dir));

        Assert.True(await TestBots.RunAsync(_stage, turn));
    }
}
