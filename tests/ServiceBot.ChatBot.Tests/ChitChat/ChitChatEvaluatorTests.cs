using Microsoft.Extensions.DependencyInjection;
using ServiceBot.ChatBot.Evaluation;
using ServiceBot.ChatBot.Tests.Support;

namespace ServiceBot.ChatBot.Tests.ChitChat;

/// <summary>The chit-chat evaluation on a small in-test data set over the sample bot's chit-chat, and the shared data readers.</summary>
public sealed class ChitChatEvaluatorTests : IAsyncLifetime
{
    private ChatBotServer _bot = null!;

    public async ValueTask InitializeAsync() => _bot = await ChatBotServer.StartAsync();

    public async ValueTask DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task CountsHitsPerLayerAndLocaleDropsRepeatsAndTheBotsOwnQuestionsAndJudgesLabels()
    {
        ChitChatSample[] samples =
        [
            new("你是谁", "zh-CN", "test", "who"),                   // an exact template pattern: not held out
            new("我好无聊", "zh-CN", "test", "bored"),                // a corpus question: not held out
            new("今天好无聊啊", "zh-CN", "test", "bored"),            // retrieval: bored (right)
            new("今天好无聊啊！", "zh-CN", "test", "bored"),          // the same match key: a repeat
            new("帮我写一首关于量子力学的诗", "zh-CN", "test", "poem"), // miss; its label is not in the map
            new("你能帮我退货吗怎么退", "zh-CN", "test"),              // a business question: miss
            new("my name is Alice", "en-US", "test", "name"),        // template with a capture (right)
            new("i am so very bored", "en-US", "test", "agent-boring"), // retrieval: bored, for a label without counterpart (wrong)
        ];
        var labels = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["who"] = ["who-are-you"],
            ["bored"] = ["bored"],
            ["name"] = ["my-name"],
            ["agent-boring"] = [],
        };

        var report = await _bot.Server.Services.GetRequiredService<ChitChatEvaluator>().EvaluateAsync(_bot.Shop, samples, labels, TestContext.Current.CancellationToken);

        Assert.Equal(8, report.Samples);
        Assert.Equal(1, report.Duplicates);
        Assert.Equal(2, report.InBotContent);
        Assert.Equal(new ChitChatLayerCounts(5, 1, 2, 2), report.Overall);
        Assert.Equal(new ChitChatLayerCounts(3, 0, 1, 2), report.ByLocale["zh-CN"]);
        Assert.Equal(new ChitChatLayerCounts(2, 1, 1, 0), report.ByLocale["en-US"]);
        Assert.Equal(0.6, report.Overall.HitRate, 3);
        Assert.Equal(new ChitChatLabelResult(Judged: 3, Answerable: 2, Hits: 3, RightHits: 2, Unjudged: 2), report.Labels);
        Assert.Equal(2.0 / 3, report.Labels!.Precision, 3);
        Assert.Equal(2, report.HitsById["bored"]);
        Assert.Equal(1, report.HitsById["my-name"]);
        var business = Assert.Single(report.Outcomes, o => o.Sample.Text == "你能帮我退货吗怎么退");
        Assert.Equal("miss", business.Layer);
    }

    [Fact]
    public async Task WithoutALabelMapNothingIsJudged()
    {
        var report = await _bot.Server.Services.GetRequiredService<ChitChatEvaluator>().EvaluateAsync(
            _bot.Shop, [new ChitChatSample("今天好无聊啊", "zh-CN", "test", "bored")], null, TestContext.Current.CancellationToken);

        Assert.Null(report.Labels);
        Assert.Null(Assert.Single(report.Outcomes).Right);
    }

    [Fact]
    public void ReadsChatterBotOpenersAndDialogflowExamplesWithTheirIntent()
    {
        var dir = Path.Combine(Path.GetTempPath(), "chitchat-data-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "chatterbot-zh", "chinese"));
            File.WriteAllText(Path.Combine(dir, "chatterbot-zh", "chinese", "greetings.yml"), "categories:\n- greetings\nconversations:\n- - 你好\n  - 嗨\n- - 早上好!\n  - 早\n  - 你好吗?\n");
            File.WriteAllText(Path.Combine(dir, "chatterbot-zh", "chinese", "trivia.yml"), "conversations:\n- - 谁发明了电灯\n  - 爱迪生\n");
            var intents = Path.Combine(dir, "dialogflow-prebuilt", "small-talk_en", "intents");
            Directory.CreateDirectory(intents);
            File.WriteAllText(Path.Combine(intents, "smalltalk.agent.age.json"), "{\"name\": \"smalltalk.agent.age\"}");
            File.WriteAllText(Path.Combine(intents, "smalltalk.agent.age_usersays_en-gb.json"), "[{\"data\": [{\"text\": \"how old \"}, {\"text\": \"are you\", \"meta\": \"@sys.any\"}]}, {\"data\": []}]");

            var samples = ChitChatDataSets.Load(dir);

            Assert.Equal(
                [
                    new ChitChatSample("你好", "zh-CN", "chatterbot-zh/greetings"),
                    new ChitChatSample("早上好!", "zh-CN", "chatterbot-zh/greetings"),
                    new ChitChatSample("how old are you", "en-US", "dialogflow/small-talk_en", "smalltalk.agent.age"),
                ],
                samples);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
