using Microsoft.Extensions.DependencyInjection;
using ServiceBot.Abstractions.Knowledge;
using ServiceBot.Testing;
using ServiceBot.TestLlm;

namespace ServiceBot.Server.Tests;

/// <summary>
/// A document imported into the running server grounds the ChatBot's generated reply: the chunk that
/// answers the question is in the system prompt the LLM server receives.
/// </summary>
public sealed class DocumentGroundingTests
{
    private const string GiftPolicy = """
        # 礼品服务

        ## 礼品包装

        下单时在结算页勾选“礼品包装”，每件加收5元，商品会装进鹿鸣礼盒并附赠手写贺卡。

        ## 礼品订单的价格

        礼品订单的包裹内不放价格单，电子发票照常发到下单人的邮箱。
        """;

    [Fact]
    public async Task AGenerationTurnReceivesTheDocumentChunkThatAnswersTheQuestion()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var llm = await TestLlmServer.StartAsync(TestLlmScript.With(new TestLlmRule { Mode = TestLlmReplyMode.Grounded }), cancellationToken: ct);
        await using var server = await ServiceBotTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["ServiceBot:Llm:Endpoint"] = llm.BaseAddress.ToString(),
            ["ServiceBot:Llm:Model"] = "test-model",
        });
        var store = server.Services.GetRequiredService<IDocumentStore>();
        var document = new KnowledgeDocument
        {
            Id = "gift.md",
            Title = "礼品服务",
            Format = "markdown",
            Text = "下单时在结算页勾选“礼品包装”，每件加收5元，商品会装进鹿鸣礼盒并附赠手写贺卡。\n\n礼品订单的包裹内不放价格单，电子发票照常发到下单人的邮箱。",
        };
        document.Headings.Add(new DocumentHeading(0, 1, "礼品服务"));
        document.Headings.Add(new DocumentHeading(0, 2, "礼品包装"));
        document.Headings.Add(new DocumentHeading(document.Text.IndexOf("礼品订单", StringComparison.Ordinal), 2, "礼品订单的价格"));
        var summary = await store.ImportDocumentsAsync("shop", [document], KnowledgeImportMode.Merge, ct);
        await server.Services.GetRequiredService<IKnowledgeChangeNotifier>().PublishAsync(new KnowledgeChange("shop", summary.Revision, [], "test"), ct);

        await server.Conversation("shop", "zh-CN").Send("礼品包装要另外收费吗？").AssertAnsweredBy("chatbot");

        var request = Assert.Single(llm.ChatRequests);
        var system = request.Messages[0];
        Assert.Equal("system", system.Role);
        Assert.Contains("[gift.md#0] 礼品服务 › 礼品包装", system.Content, StringComparison.Ordinal);
        Assert.Contains("每件加收5元", system.Content, StringComparison.Ordinal);
        Assert.Contains(GiftPolicy.Split('\n')[4].Trim(), system.Content, StringComparison.Ordinal);
    }
}
