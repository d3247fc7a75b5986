using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.Filters;
using ServiceBot.Abstractions.Responders;
using ServiceBot.ChatBot.ChitChat;
using ServiceBot.ChatBot.Content;
using ServiceBot.ChatBot.Evaluation;
using ServiceBot.ChatBot.Filters;
using ServiceBot.ChatBot.Filters.Entailment;
using ServiceBot.ChatBot.Generation;
using ServiceBot.ChatBot.Llm;

namespace ServiceBot.ChatBot;

/// <summary>Registration of the ChatBot.</summary>
public static class ChatBotServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <c>chatbot</c> responder, its bot initializer, the model client (when
    /// <c>ServiceBot:Llm:Endpoint</c> is set), the NLI client (when <c>ServiceBot:Nli:Endpoint</c> is set) and
    /// the post-generation reply filters in the order they run: repetition, operator fast-fix rules,
    /// unsupported facts, then the optional entailment check. Options are validated at start: a malformed
    /// endpoint, a missing model or inconsistent timeouts stop the host with a message naming the key.
    /// </summary>
    /// <remarks>Needs an <c>ITextAnalyzer</c>; uses an <c>IKnowledgeRetriever</c> for grounding when one is registered.</remarks>
    public static IServiceCollection AddServiceBotChatBot(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LlmOptions>().Bind(configuration.GetSection(LlmOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<NliOptions>().Bind(configuration.GetSection(NliOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ChatBotOptions>().Bind(configuration.GetSection(ChatBotOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ChatBotLlm>();
        services.TryAddSingleton<ChatBotContentCache>();
        services.TryAddSingleton<GroundedGenerator>();
        services.TryAddSingleton<ChitChatMatcher>();
        services.TryAddSingleton(sp => new ChitChatEvaluator(sp.GetRequiredService<ChatBotContentCache>(), sp.GetRequiredService<ChitChatMatcher>()));

        // The client's own timeout is off: NliOptions.Timeout bounds each check, batches included.
        services.AddHttpClient(TeiNliClient.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.TryAddSingleton<INliClient, TeiNliClient>();
        services.AddSingleton<IResponder, ChatBotResponder>();
        services.AddSingleton<IBotInitializer, ChatBotInitializer>();
        services.AddSingleton<IReplyFilter, RepetitionFilter>();
        services.AddSingleton<IReplyFilter, FastFixFilter>();
        services.AddSingleton<IReplyFilter, UnsupportedFactsFilter>();
        services.AddSingleton<IReplyFilter, UnsupportedClaimsFilter>();
        services.AddSingleton<IReplyFilter, EntailmentFilter>();
        return services;
    }
}
