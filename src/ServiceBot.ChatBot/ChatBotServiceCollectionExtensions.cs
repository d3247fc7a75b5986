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
using ServiceBot.ChatBot.Generation;
using ServiceBot.ChatBot.Llm;

namespace ServiceBot.ChatBot;

/// <summary>Registration of the ChatBot.</summary>
public static class ChatBotServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <c>chatbot</c> responder, its bot initializer, the model client (when
    /// <c>ServiceBot:Llm:Endpoint</c> is set) and the post-generation reply filters (unsupported facts,
    /// repetition, operator fast-fix rules). Options are validated at start: a malformed endpoint, a
    /// missing model or inconsistent timeouts stop the host with a message naming the key.
    /// </summary>
    /// <remarks>Needs an <c>ITextAnalyzer</c>; uses an <c>IKnowledgeRetriever</c> for grounding when one is registered.</remarks>
    public static IServiceCollection AddServiceBotChatBot(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LlmOptions>().Bind(configuration.GetSection(LlmOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ChatBotOptions>().Bind(configuration.GetSection(ChatBotOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ChatBotLlm>();
        services.TryAddSingleton<ChatBotContentCache>();
        services.TryAddSingleton<GroundedGenerator>();
        services.TryAddSingleton<ChitChatMatcher>();
        services.TryAddSingleton(sp => new ChitChatEvaluator(sp.GetRequiredService<ChatBotContentCache>(), sp.GetRequiredService<ChitChatMatcher>()));
        services.AddSingleton<IResponder, ChatBotResponder>();
        services.AddSingleton<IBotInitializer, ChatBotInitializer>();
        services.AddSingleton<IReplyFilter, RepetitionFilter>();
        services.AddSingleton<IReplyFilter, FastFixFilter>();
        services.AddSingleton<IReplyFilter, UnsupportedFactsFilter>();
        return services;
    }
}
