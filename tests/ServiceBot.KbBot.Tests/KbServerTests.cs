using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServiceBot.Abstractions.Knowledge;
using ServiceBot.Abstractions.Text;
using ServiceBot.Abstractions.Turns;
using ServiceBot.Testing;
using ServiceBot.TestLlm;

namespace ServiceBot.KbBot.Tests;

/// <summary>The KB-Bot inside the real server over the sample shop bot, through <c>POST /api/turns</c>.</summary>
public sealed class KbServerTests
{
    // The server's own analyzer when the text analysis is registered; the test analyzer otherwise.
    private static Task<ServiceBotTestServer> StartAsync(Dictionary<string, string?>? settings = null) =>
        ServiceBotTestServer.StartAsync(settings, services => services.TryAddSingleton<ITextAnalyzer>(TestKb.Analyzer));

    [Fact]
    public async Task SeedsTheEmptyStoreFromTheBotFilesAndAnswersFromIt()
    {
        await using var server = await StartAsync();

        await server.Conversation(locale: "zh-CN")
            .Send("怎么退货")
            .AssertAnsweredBy("kbbot")
            .AssertOutcome(TurnOutcome.Answered)
            .AssertReply(contains: "申请售后")
            .AssertTrace(trace => Assert.Equal("returns-how", trace.Steps.SelectMany(s => s.Candidates ?? []).MaxBy(c => c.Score)!.Id));

        var store = server.Services.GetRequiredService<IKnowledgeStore>();
        var entries = await store.ListFaqsAsync("shop", TestContext.Current.CancellationToken);
        Assert.True(entries.Count >= 260, $"The store holds {entries.Count} entries.");
    }

    [Fact]
    public async Task AnEntrySavedInTheStoreIsAnsweredAfterTheChangeNotice()
    {
        await using var server = await StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var store = server.Services.GetRequiredService<IKnowledgeStore>();
        var entry = new FaqEntry
        {
            Id = "gift-wrap",
            StandardQuestion = "可以提供礼品包装吗？",
            SimilarQuestions = ["能不能包装成礼物", "有礼盒包装吗", "送人的话可以帮忙包装吗"],
            Answer = RichAnswer.Plain("下单时勾选“礼品包装”即可，每件加收5元。"),
            Category = "orders",
            Locale = "zh-CN",
        };

        await server.Conversation(locale: "zh-CN").Send("能不能包装成礼物").AssertTrace(trace => Assert.DoesNotContain(trace.Steps.SelectMany(s => s.Candidates ?? []), c => c.Id == "gift-wrap"));
        await store.SaveFaqAsync("shop", entry, null, ct);
        var revision = await store.GetRevisionAsync("shop", ct);
        await server.Services.GetRequiredService<IKnowledgeChangeNotifier>().PublishAsync(new KnowledgeChange("shop", revision, ["gift-wrap"], "test"), ct);

        await server.Conversation(locale: "zh-CN")
            .Send("能不能包装成礼物")
            .AssertAnsweredBy("kbbot")
            .AssertTrace(trace => Assert.Equal("gift-wrap", trace.Steps.SelectMany(s => s.Candidates ?? []).MaxBy(c => c.Score)!.Id));
    }

    [Fact]
    public async Task ARestartEmbedsNoQuestionAgainAndAnswersWithVectors()
    {
        await using var embedder = await TestLlmServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var data = Path.Combine(Path.GetTempPath(), "kbbot-embed-" + Guid.NewGuid().ToString("N")[..10]);
        var settings = new Dictionary<string, string?>
        {
            ["ServiceBot:DataDirectory"] = data,
            ["ServiceBot:Embedder:Endpoint"] = embedder.BaseAddress.ToString(),
            ["ServiceBot:Embedder:Model"] = "test-embed",
            ["ServiceBot:Embedder:Dimensions"] = "64",
        };
        try
        {
            await using (var first = await StartAsync(settings))
            {
                await first.WaitUntilReadyAsync(TestContext.Current.CancellationToken);
            }

            var sent = embedder.EmbeddingRequests.Count;
            embedder.ClearRequests();
            await using var second = await StartAsync(settings);
            await second.WaitUntilReadyAsync(TestContext.Current.CancellationToken);

            Assert.True(sent > 0);
            Assert.Empty(embedder.EmbeddingRequests);
            await second.Conversation(locale: "zh-CN")
                .Send("怎么退货")
                .AssertAnsweredBy("kbbot")
                .AssertTrace(trace => Assert.Contains(trace.Steps.SelectMany(s => s.Candidates ?? []), c => c.Source == "kbbot/hybrid+rerank"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder does not change the result.
            }
        }
    }
}
