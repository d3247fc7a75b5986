using Microsoft.Extensions.AI;
using ServiceBot.ChatBot.Llm;
using ServiceBot.ChatBot.Tests.Support;
using ServiceBot.TestLlm;

namespace ServiceBot.ChatBot.Tests.Llm;

public sealed class LlmClientTests
{
    private static LlmOptions Options(TestLlmServer server) => TestLlmClients.Options(server);

    private static ResilientChatClient Client(LlmOptions options) => TestLlmClients.Client(options);

    [Fact]
    public async Task StreamsChunksAndUsageOverSse()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await TestLlmServer.StartAsync(TestLlmScript.With(new TestLlmRule { Reply = "您好，7天无理由退货。", ChunkSize = 2 }), cancellationToken: ct);
        using var client = Client(Options(server));

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "怎么退货")], new ChatOptions { MaxOutputTokens = 50 }, ct))
        {
            updates.Add(update);
        }

        Assert.Equal("您好，7天无理由退货。", string.Concat(updates.Select(u => u.Text)));
        Assert.True(updates.Count(u => u.Text.Length > 0) >= 5, "the reply arrives in several chunks");
        Assert.Contains(updates, u => u.Contents.OfType<UsageContent>().Any(c => c.Details.OutputTokenCount > 0));
        Assert.Equal(ChatFinishReason.Stop, updates.Last(u => u.FinishReason is not null).FinishReason);
        var request = Assert.Single(server.ChatRequests);
        Assert.True(request.Stream);
        Assert.Equal("Bearer sk-test", request.Authorization);
        Assert.Equal(50, (int?)request.Body["max_tokens"]);
        Assert.Equal("test-model", (string?)request.Body["model"]);
    }
}
