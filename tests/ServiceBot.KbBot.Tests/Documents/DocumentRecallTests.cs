using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.Knowledge;
using ServiceBot.Abstractions.Retrieval;
using ServiceBot.Abstractions.Text;
using ServiceBot.KbBot.Documents;
using ServiceBot.KbBot.Index;
using ServiceBot.KbBot.Responding;
using ServiceBot.KbBot.Settings;
using ServiceBot.Testing;

namespace ServiceBot.KbBot.Tests.Documents;

/// <summary>QA recall over FAQ answers and document chunks, as the grounding retriever serves it.</summary>
public sealed class DocumentRecallTests
{
    private const string GiftPolicy = """
        # 礼品服务

        ## 礼品包装

        下单时在结算页勾选“礼品包装”，每件加收5元，商品会装进鹿鸣礼盒并附赠贺卡。

        ## 发票与价格

        礼品订单的包裹内不放价格单，电子发票照常发到您的邮箱。
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AQuestionOnlyADocumentAnswersRecallsThatChunkFirstWithItsHeadingPath()
    {
        var retriever = await RetrieverAsync(GiftPolicy);

        var passages = await retriever.RetrieveAsync(TestKb.Bot(), TestKb.Analyzer.Analyze("礼品包装要加钱吗"), 3, Ct);

        var top = passages[0];
        Assert.Equal("doc", top.Kind);
        Assert.Equal("gift.md#0", top.SourceId);
        Assert.Equal("礼品服务 › 礼品包装", top.Title);
        Assert.Contains("每件加收5元", top.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnFaqQuestionStillRecallsItsAnswerFirstWithDocumentsPresent()
    {
        var retriever = await RetrieverAsync(GiftPolicy);

        var passages = await retriever.RetrieveAsync(TestKb.Bot(), TestKb.Analyzer.Analyze("退款一般几天到账"), 3, Ct);

        Assert.Equal(("faq", "refunds-time", "退款多久到账？"), (passages[0].Kind, passages[0].SourceId, passages[0].Title));
        Assert.Equal("仓库收货后1-3个工作日原路退款。", passages[0].Text);
        Assert.True(passages.Zip(passages.Skip(1)).All(p => p.First.Score >= p.Second.Score), "passages are not ordered by score");
    }

    [Fact]
    public async Task MarkdownAnswersAreIndexedAndReturnedAsPlainText()
    {
        var entries = TestKb.Shop();
        entries[0].Answer = new RichAnswer { Text = "在**我的订单**里[申请退货](https://luming-mall.example/returns)。", Format = "markdown" };
        var retriever = await RetrieverAsync(null, entries);

        var passages = await retriever.RetrieveAsync(TestKb.Bot(), TestKb.Analyzer.Analyze("怎么退货"), 1, Ct);

        Assert.Equal("在我的订单里申请退货 (https://luming-mall.example/returns)。", Assert.Single(passages).Text);
    }

    [Fact]
    public async Task ADocumentImportedWhileTheServerRunsIsRecalledOnTheNextTurn()
    {
        await using var server = await ServiceBotTestServer.StartAsync(null, services => services.TryAddSingleton<ITextAnalyzer>(TestKb.Analyzer));
        var store = server.Services.GetRequiredService<IDocumentStore>();
        var retriever = server.Services.GetRequiredService<IKnowledgeRetriever>();
        var shop = server.Services.GetRequiredService<IBotCatalog>().TryGet("shop", out var bot) ? bot : throw new InvalidOperationException("no shop bot");
        var analyzer = server.Services.GetRequiredService<ITextAnalyzer>();
        var question = analyzer.Analyze("礼品包装要加钱吗");

        var before = await retriever.RetrieveAsync(shop, question, 5, Ct);
        var seeded = await store.ListDocumentsAsync("shop", Ct);
        var gift = MarkdownDocumentReader.Read("gift.md", GiftPolicy, "gift");
        var summary = await store.ImportDocumentsAsync("shop", [gift], KnowledgeImportMode.Merge, Ct);
        await server.Services.GetRequiredService<IKnowledgeChangeNotifier>().PublishAsync(new KnowledgeChange("shop", summary.Revision, [], "test"), Ct);
        var after = await retriever.RetrieveAsync(shop, question, 5, Ct);

        Assert.Contains(seeded, d => d.Id == "policies.zh.md");
        Assert.DoesNotContain(before, p => p.SourceId.StartsWith("gift.md#", StringComparison.Ordinal));
        Assert.Equal(1, summary.Added);
        // An FAQ entry that both its question and its answer recall can rank above the chunk; the chunk is still among the passages.
        Assert.Contains(after, p => p.SourceId == "gift.md#0");
        Assert.Equal("gift.md#0", after.First(p => p.Kind == "doc").SourceId);
    }

    [Fact]
    public async Task ABadSeedDocumentStopsTheBotWithTheFileNamedAndLeavesTheLiveSnapshot()
    {
        var folder = Path.Combine(Path.GetTempPath(), "kbbot-bad-docs-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(folder);
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "ok.md"), GiftPolicy, Ct);
            await File.WriteAllTextAsync(Path.Combine(folder, "broken.docx"), "not a zip", Ct);
            var registry = new KbRegistry();
            var live = await TestKb.BuildAsync(TestKb.Shop());
            registry.Publish(live);
            var service = new KbService(registry, TestKb.Analyzer, Options.Create(new KbBotOptions()), NullLogger<KbService>.Instance, [], [], [], []);
            var bot = BotWithDocuments(folder);

            var error = await Assert.ThrowsAsync<BotDefinitionException>(async () => await service.LoadAsync(bot, Ct));

            Assert.Contains("broken.docx", error.Message, StringComparison.Ordinal);
            Assert.Contains("corrupt zip", error.Message, StringComparison.Ordinal);
            Assert.Same(live, registry.Get("shop"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static BotDefinition BotWithDocuments(string folder)
    {
        var settings = new System.Text.Json.Nodes.JsonObject
        {
            ["knowledge"] = new System.Text.Json.Nodes.JsonObject { ["documents"] = new System.Text.Json.Nodes.JsonArray(folder) },
        };
        return new BotDefinition("shop", "shop", "zh-CN", ["zh-CN"], Path.Combine(folder, "bot.yaml"), folder, settings);
    }

    private static async Task<KbKnowledgeRetriever> RetrieverAsync(string? markdown, List<FaqEntry>? entries = null)
    {
        var chunks = markdown is null ? [] : ChunkSplitter.Split(MarkdownDocumentReader.Read("gift.md", markdown, "gift"), new ChunkingSettings());
        var builder = new KbIndexBuilder(TestKb.Analyzer, null, NullLogger.Instance) { Chunks = chunks };
        var snapshot = await builder.BuildAsync("shop", 1, entries ?? TestKb.Shop(), TestKb.Settings(), Ct);
        var registry = new KbRegistry();
        registry.Publish(snapshot);
        var service = new KbService(registry, TestKb.Analyzer, Options.Create(new KbBotOptions()), NullLogger<KbService>.Instance, [], [], [], []);
        return new KbKnowledgeRetriever(registry, service);
    }
}
