using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.Nlu;
using ServiceBot.Funnel.Rules;

namespace ServiceBot.Funnel.Tests.Rules;

/// <summary>Rules that trigger by the message's intent, beside the phrase triggers, with a recognizer the test controls.</summary>
public sealed class IntentRulesTests : IDisposable
{
    private const string Bot = "id: shop\nfunnel:\n  rules: rules.yaml\n";

    private const string RefundDesk = """
        rules:
          - id: refund-desk
            priority: 10
            intents: [refund-status]
            min-confidence: 0.7
            replies: refund desk
          - id: thanks
            priority: 40
            exact: [谢谢]
            replies: welcome
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("sb-intent-rules-").FullName;
    private readonly ManualTime _time = new();
    private readonly FakeIntentRecognizer _recognizer = new("refund-status", "order-status");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private RuleBookRegistry Registry(IIntentRecognizer? recognizer) =>
        new(new FunnelSettingsCache(), _time, Options.Create(new FunnelOptions { ReloadCheckSeconds = 1 }), NullLogger<RuleBookRegistry>.Instance, recognizer);

    private RulesStage Stage(IIntentRecognizer? recognizer) => new(Registry(recognizer), recognizer);

    private BotDefinition Rules(string yaml)
    {
        File.WriteAllText(Path.Combine(_dir, "rules.yaml"), yaml);
        return TestBots.Bot(Bot, _dir);
    }

    [Theory]
    [InlineData(0.7)]
    [InlineData(0.93)]
    public async Task AnIntentRuleFires_WhenTheIntentIsAtLeastItsMinConfidence(double probability)
    {
        _recognizer.Next = new RecognizedIntent("refund-status", probability);
        var turn = TestBots.Turn("我的钱什么时候退回来", Rules(RefundDesk));

        Assert.False(await TestBots.RunAsync(Stage(_recognizer), turn));
        Assert.Equal("refund desk", turn.Replies[0].Text);
        var notes = turn.Trace.Find("rules")!.Notes!;
        Assert.Equal("refund-desk", notes["rule"]);
        Assert.Equal("intent", notes["match"]);
        Assert.Equal("refund-status", notes["intent"]);
        Assert.Equal(probability, notes["intent.probability"]);
    }

    [Fact]
    public async Task AnIntentRuleDoesNotFire_BelowItsMinConfidence_AndTheTraceSaysWhatWasRecognized()
    {
        _recognizer.Next = new RecognizedIntent("refund-status", 0.69);
        var turn = TestBots.Turn("我的钱什么时候退回来", Rules(RefundDesk));

        Assert.True(await TestBots.RunAsync(Stage(_recognizer), turn));
        Assert.Empty(turn.Replies);
        Assert.Equal("refund-status", turn.Trace.Find("rules")!.Notes!["intent"]);
    }

    [Fact]
    public async Task AnIntentRuleDoesNotFire_ForAnotherIntent()
    {
        _recognizer.Next = new RecognizedIntent("order-status", 0.99);
        var turn = TestBots.Turn("我的快递到哪了", Rules(RefundDesk));

        Assert.True(await TestBots.RunAsync(Stage(_recognizer), turn));
    }

    [Fact]
    public async Task AHigherPriorityPhraseRuleWins_AndTheIntentIsNotAskedFor()
    {
        _recognizer.Next = new RecognizedIntent("refund-status", 0.99);
        var turn = TestBots.Turn("谢谢", Rules(RefundDesk));

        Assert.False(await TestBots.RunAsync(Stage(_recognizer), turn));
        Assert.Equal("thanks", turn.Trace.Find("rules")!.Notes!["rule"]);
        Assert.Equal(0, _recognizer.Asked);
    }

    [Fact]
    public async Task AHigherPriorityIntentRuleBeatsAContainsRule()
    {
        _recognizer.Next = new RecognizedIntent("refund-status", 0.9);
        var bot = Rules("""
            rules:
              - id: refund-word
                priority: 5
                contains: [退款]
                replies: contains
              - id: refund-desk
                priority: 10
                intents: [refund-status]
                replies: intent
            """);
        var turn = TestBots.Turn("退款到哪了", bot);

        await TestBots.RunAsync(Stage(_recognizer), turn);

        Assert.Equal("intent", turn.Replies[0].Text);
    }

    [Fact]
    public async Task AHigherPriorityContainsRuleBeatsAnIntentRule()
    {
        _recognizer.Next = new RecognizedIntent("refund-status", 0.9);
        var bot = Rules("""
            rules:
              - id: refund-word
                priority: 10
                contains: [退款]
                replies: contains
              - id: refund-desk
                priority: 5
                intents: [refund-status]
                replies: intent
            """);
        var turn = TestBots.Turn("退款到哪了", bot);

        await TestBots.RunAsync(Stage(_recognizer), turn);

        Assert.Equal("contains", turn.Replies[0].Text);
        Assert.Equal("contains", turn.Trace.Find("rules")!.Notes!["match"]);
        Assert.Equal(0, _recognizer.Asked);
    }

    [Fact]
    public async Task ABookWithoutIntentRulesNeverAsksForTheIntent()
    {
        var turn = TestBots.Turn("我的钱什么时候退回来", Rules("rules:\n  - id: hi\n    exact: [hi]\n    replies: x\n"));

        Assert.True(await TestBots.RunAsync(Stage(_recognizer), turn));
        Assert.Equal(0, _recognizer.Asked);
    }

    [Fact]
    public async Task WithoutARecognizer_IntentRulesNeverFire_AndThePhraseRulesStillDo()
    {
        var stage = Stage(recognizer: null);
        var bot = Rules(RefundDesk);

        var refund = TestBots.Turn("我的钱什么时候退回来", bot);
        Assert.True(await TestBots.RunAsync(stage, refund));

        var thanks = TestBots.Turn("谢谢", bot);
        Assert.False(await TestBots.RunAsync(stage, thanks));
        Assert.Equal("welcome", thanks.Replies[0].Text);
    }

    [Fact]
    public async Task AMessageRecognizedAsNoIntentPasses()
    {
        _recognizer.Next = null;
        var turn = TestBots.Turn("今天天气怎么样", Rules(RefundDesk));

        Assert.True(await TestBots.RunAsync(Stage(_recognizer), turn));
        Assert.Equal(1, _recognizer.Asked);
    }

    [Theory]
    [InlineData("0", 6)]
    [InlineData("1.5", 6)]
    [InlineData("-0.2", 6)]
    [InlineData("1.0001", 6)]
    public void AMinConfidenceOutsideZeroToOne_IsReportedWithFileAndLine(string value, int line)
    {
        var yaml = $"""
            rules:
              - id: refund-desk
                priority: 10
                intents: [refund-status]
                replies: x
                min-confidence: {value}
            """;

        var error = Assert.Throws<BotDefinitionException>(() => RuleBook.Parse(yaml, "rules.yaml"));

        Assert.Equal("rules.yaml", error.File);
        Assert.Equal(line, error.Line);
        Assert.Contains("min-confidence", error.Message, StringComparison.Ordinal);
        Assert.Contains("refund-desk", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMinConfidenceWithoutIntents_IsAnError()
    {
        var error = Assert.Throws<BotDefinitionException>(() => RuleBook.Parse("rules:\n  - id: a\n    exact: [hi]\n    min-confidence: 0.9\n    replies: x\n", "rules.yaml"));

        Assert.Equal(4, error.Line);
        Assert.Contains("no intents", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownKey_IsReportedWithItsLine()
    {
        var error = Assert.Throws<BotDefinitionException>(() => RuleBook.Parse("rules:\n  - id: a\n    intents: [refund-status]\n    min-confidance: 0.9\n    replies: x\n", "rules.yaml"));

        Assert.Equal(4, error.Line);
        Assert.Contains("min-confidance", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnIntentTheBotDoesNotKnow_FailsTheLoadAtItsLine()
    {
        var bot = Rules("rules:\n  - id: refund-desk\n    intents:\n      - refund-status\n      - refund-statsu\n    replies: x\n");

        var error = await Assert.ThrowsAsync<BotDefinitionException>(async () => await Registry(_recognizer).LoadAsync(bot, TestContext.Current.CancellationToken));

        Assert.Equal(Path.Combine(_dir, "rules.yaml"), error.File);
        Assert.Equal(5, error.Line);
        Assert.Contains("'refund-statsu'", error.Message, StringComparison.Ordinal);
        Assert.Contains("order-status, refund-status", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IntentRulesFailTheLoad_WhenTheBotHasNoClassifier()
    {
        _recognizer.Intents = null;
        var bot = Rules(RefundDesk);

        var error = await Assert.ThrowsAsync<BotDefinitionException>(async () => await Registry(_recognizer).LoadAsync(bot, TestContext.Current.CancellationToken));

        Assert.Contains("no intent classifier", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReloadNamingAnUnknownIntent_KeepsThePreviousRules()
    {
        _recognizer.Next = new RecognizedIntent("refund-status", 0.9);
        var bot = Rules(RefundDesk);
        var stage = Stage(_recognizer);
        var first = TestBots.Turn("退款到哪了", bot);
        await TestBots.RunAsync(stage, first);
        Assert.Equal("refund desk", first.Replies[0].Text);

        File.WriteAllText(Path.Combine(_dir, "rules.yaml"), RefundDesk.Replace("[refund-status]", "[refunds]", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(Path.Combine(_dir, "rules.yaml"), DateTime.UtcNow.AddSeconds(5));
        _time.Advance(TimeSpan.FromSeconds(2));
        var second = TestBots.Turn("退款到哪了", bot);
        await TestBots.RunAsync(stage, second);

        Assert.Equal("refund desk", second.Replies[0].Text);
    }
}
