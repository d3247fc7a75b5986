using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.Responders;
using ServiceBot.Abstractions.Retrieval;
using ServiceBot.Abstractions.State;
using ServiceBot.Abstractions.Text;
using ServiceBot.Abstractions.Turns;
using ServiceBot.Testing;
using ServiceBot.TestLlm;

namespace ServiceBot.ChatBot.Tests.Support;

/// <summary>
/// The real ServiceBot server over the repository's sample bot, with a character analyzer and a fake
/// knowledge retriever, optionally pointed at a <see cref="TestLlmServer"/>.
/// </summary>
internal sealed class ChatBotServer : IAsyncDisposable
{
    private ChatBotServer(ServiceBotTestServer server, FakeRetriever retriever)
    {
        Server = server;
        Retriever = retriever;
    }

    public ServiceBotTestServer Server { get; }

    public FakeRetriever Retriever { get; }

    public BotDefinition Shop => Server.Services.GetRequiredService<IBotCatalog>().TryGet("shop", out var bot) ? bot : throw new InvalidOperationException("no shop bot");

    public IResponder Responder => Server.Services.GetServices<IResponder>().Single(r => r.Name == "chatbot");

    public static async Task<ChatBotServer> StartAsync(
        TestLlmServer? llm = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        string? botsDirectory = null,
        Action<IServiceCollection>? configure = null)
    {
        var analyzer = new CharacterAnalyzer();
        var retriever = new FakeRetriever(analyzer, ShopPassages.All);
        var all = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ServiceBot:ChatBot:FastFixReloadInterval"] = "00:00:00",
        };
        if (llm is not null)
        {
            all["ServiceBot:Llm:Endpoint"] = llm.BaseAddress.ToString();
            all["ServiceBot:Llm:Model"] = "test-model";
            all["ServiceBot:Llm:Timeout"] = "00:00:05";
            all["ServiceBot:Llm:FirstTokenTimeout"] = "00:00:01";
            all["ServiceBot:Llm:IdleTimeout"] = "00:00:01";
            all["ServiceBot:Llm:RetryDelay"] = "00:00:00.010";
            all["ServiceBot:Llm:MaxRetryDelay"] = "00:00:00.050";
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>(StringComparer.Ordinal))
        {
            all[key] = value;
        }

        var server = await ServiceBotTestServer.StartAsync(all, services =>
        {
            services.RemoveAll<ITextAnalyzer>();
            services.AddSingleton<ITextAnalyzer>(analyzer);
            services.RemoveAll<IKnowledgeRetriever>();
            services.AddSingleton<IKnowledgeRetriever>(retriever);
            configure?.Invoke(services);
        }, botsDirectory).ConfigureAwait(false);
        return new ChatBotServer(server, retriever);
    }

    /// <summary>A turn on the sample bot, analyzed as the analyze stage would.</summary>
    public TurnContext Turn(string text, string locale = "zh-CN", IReplyStream? stream = null, ConversationState? state = null)
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Text = text,
            Locale = locale,
            ChannelId = "test",
            From = new ChannelAccount { Id = "u1" },
            Recipient = new ChannelAccount { Id = "bot" },
            Conversation = new ConversationAccount { Id = "c-" + Guid.NewGuid().ToString("N")[..8] },
        };
        var turn = new TurnContext("turn-" + Guid.NewGuid().ToString("N")[..8], activity, Shop, state ?? new ConversationState(), DateTimeOffset.UtcNow) { Stream = stream };
        turn.Utterance = Server.Services.GetRequiredService<ITextAnalyzer>().Analyze(text);
        turn.Trace.BeginStep("router/chatbot");
        return turn;
    }

    public async ValueTask DisposeAsync() => await Server.DisposeAsync().ConfigureAwait(false);
}
