using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ServiceBot.ChatBot.Llm;

/// <summary>
/// The model the ChatBot generates with: the OpenAI-compatible adapter behind the resilience layer,
/// or none when <c>ServiceBot:Llm:Endpoint</c> is not configured.
/// </summary>
/// <remarks>Thread-safe; one per process, so the circuit breaker and the concurrency limit are shared.</remarks>
internal sealed class ChatBotLlm : IDisposable
{
    public ChatBotLlm(IOptions<LlmOptions> options, ILoggerFactory loggers)
    {
        Options = options.Value;
        if (Options.IsConfigured)
        {
            Client = new ResilientChatClient(new OpenAiCompatibleChatClient(Options), Options, loggers.CreateLogger<ResilientChatClient>());
        }
    }

    public LlmOptions Options { get; }

    /// <summary>The client, or null when no model is configured.</summary>
    public IChatClient? Client { get; }

    public void Dispose() => Client?.Dispose();
}
