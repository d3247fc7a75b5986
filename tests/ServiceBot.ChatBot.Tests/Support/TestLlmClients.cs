using Microsoft.Extensions.Logging.Abstractions;
using ServiceBot.ChatBot.Llm;
using ServiceBot.TestLlm;

namespace ServiceBot.ChatBot.Tests.Support;

/// <summary>The resilient model client pointed at a <see cref="TestLlmServer"/>, as the LLM tests build it.</summary>
internal static class TestLlmClients
{
    // Short delays keep retries quick; a breaker that only opens on purpose (the default throughput of 6
    // is never reached by one call) keeps the retry tests independent of it.
    public static LlmOptions Options(TestLlmServer server) => new()
    {
        Endpoint = server.BaseAddress,
        Model = "test-model",
        ApiKey = "sk-test",
        Timeout = TimeSpan.FromSeconds(10),
        FirstTokenTimeout = TimeSpan.FromSeconds(5),
        IdleTimeout = TimeSpan.FromSeconds(5),
        MaxRetries = 2,
        RetryDelay = TimeSpan.FromMilliseconds(10),
        MaxRetryDelay = TimeSpan.FromMilliseconds(50),
    };

    public static ResilientChatClient Client(LlmOptions options) =>
        new(new OpenAiCompatibleChatClient(options), options, NullLogger<ResilientChatClient>.Instance);
}
