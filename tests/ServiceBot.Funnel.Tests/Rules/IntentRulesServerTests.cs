using System.Globalization;
using ServiceBot.Testing;

namespace ServiceBot.Funnel.Tests.Rules;

/// <summary>
/// An intent rule in the real server over a copy of the sample shop bot: TaskBot's classifier,
/// trained on the shop's dialogs when the bot loads, recognizes the intent the rule names.
/// </summary>
public sealed class IntentRulesServerTests : IAsyncLifetime
{
    private const string ExtraRule = """

          - id: refund-desk
            priority: 60
            intents: [refund-status]
            min-confidence: 0.5
            replies: 退款请直接联系退款专线 400-000-0000。
        """;

    private readonly SampleBotCopy _copy = new();
    private ServiceBotTestServer? _server;

    private ServiceBotTestServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    public async ValueTask InitializeAsync()
    {
        // A private copy of the sample bot, so the extra rule changes no other test's bot.
        await File.AppendAllTextAsync(_copy.BotFile("rules.yaml"), ExtraRule, TestContext.Current.CancellationToken);
        _server = await ServiceBotTestServer.StartAsync(botsDirectory: _copy.BotsDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _copy.Dispose();
    }

    [Fact]
    public async Task TheRuleAnswersAMessageOfItsIntent_AndTheTraceSaysSo()
    {
        await Server.Conversation(locale: "zh-CN")
            .Send("我的退款到哪了")
            .AssertAnsweredBy("rules")
            .AssertReply(contains: "退款专线")
            .AssertTrace(trace =>
            {
                var notes = trace.Find("rules")!.Notes!;
                Assert.Equal("refund-desk", Text(notes["rule"]));
                Assert.Equal("intent", Text(notes["match"]));
                Assert.Equal("refund-status", Text(notes["intent"]));
                Assert.True(double.Parse(Text(notes["intent.probability"]), CultureInfo.InvariantCulture) >= 0.5);
            });
    }

    [Fact]
    public async Task PhraseRulesStillAnswerFirst_AndOtherIntentsGoOnToTheirWorkflow()
    {
        await Server.Conversation(locale: "zh-CN")
            .Send("你好")
            .AssertAnsweredBy("rules")
            .AssertTrace(trace => Assert.Equal("exact", Text(trace.Find("rules")!.Notes!["match"])));

        await Server.Conversation(locale: "zh-CN")
            .Send("我要退货")
            .AssertAnsweredBy("taskbot")
            .AssertTrace(trace =>
            {
                // The rules stage asked, found no rule for the intent, and TaskBot used the same prediction.
                var rules = trace.Find("rules")!.Notes!;
                Assert.Equal("return-request", Text(rules["intent"]));
                var taskbot = trace.Steps.Last(s => s.Name != "rules" && s.Notes?.ContainsKey("intent") == true).Notes!;
                Assert.Equal(Text(rules["intent.probability"]), Text(taskbot["intent.probability"]));
            });
    }

    private static string Text(object? note) => Convert.ToString(note, CultureInfo.InvariantCulture) ?? "";
}
