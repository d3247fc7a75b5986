using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.Responders;
using ServiceBot.Abstractions.Retrieval;
using ServiceBot.KbBot.Embedding;
using ServiceBot.KbBot.Index;
using ServiceBot.KbBot.Responding;

namespace ServiceBot.KbBot;

/// <summary>Registers the KB-Bot: the <c>kbbot</c> responder, its index initializer and the knowledge retriever.</summary>
public static class KbBotServiceCollectionExtensions
{
    /// <summary>
    /// Adds the KB-Bot with options from <c>ServiceBot:KbBot</c> (validated on start). Needs an
    /// <c>ITextAnalyzer</c>; uses the knowledge store, change notifier and conversation log when registered.
    /// </summary>
    public static IServiceCollection AddServiceBotKbBot(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KbBotOptions>().Bind(configuration.GetSection(KbBotOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<KbRegistry>();
        services.TryAddSingleton<KbService>();
        services.AddSingleton<IBotInitializer, KbInitializer>();
        services.AddHostedService<KbRevisionPoller>();
        services.AddSingleton<IResponder, KbResponder>();
        services.TryAddSingleton<IKnowledgeRetriever, KbKnowledgeRetriever>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISynonymSource, BotSynonymSource>());

        // The default embedder; an HTTP embedder registered after it wins (KbService takes the last one).
        services.AddSingleton<IKbEncoderFactory, LocalKbEncoderFactory>();
        return services;
    }
}
