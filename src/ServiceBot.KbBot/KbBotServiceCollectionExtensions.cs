using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.Responders;
using ServiceBot.Abstractions.Retrieval;
using ServiceBot.KbBot.Embedding;
using ServiceBot.KbBot.Index;
using ServiceBot.KbBot.Reranking;
using ServiceBot.KbBot.Responding;

namespace ServiceBot.KbBot;

/// <summary>Registers the KB-Bot: the <c>kbbot</c> responder, its index initializer and the knowledge retriever.</summary>
public static class KbBotServiceCollectionExtensions
{
    /// <summary>
    /// Adds the KB-Bot with options from <c>ServiceBot:KbBot</c> (validated on start). Needs an
    /// <c>ITextAnalyzer</c>; uses the knowledge store, change notifier, conversation log and embedding cache when registered.
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

        // The default embedder, unless an HTTP embedder is configured (it is registered after, and the KB
        // takes the last factory; leaving the local one out spares its dependencies where it is not used).
        if (string.IsNullOrWhiteSpace(configuration[HttpEmbedderOptions.Section + ":Endpoint"]))
        {
            services.AddSingleton<IKbEncoderFactory, LocalKbEncoderFactory>();
        }

        AddRemoteModels(services, configuration);
        return services;
    }

    /// <summary>
    /// The remote embedder (<c>ServiceBot:Embedder</c>) and cross-encoder (<c>ServiceBot:Reranker</c>), each only
    /// when its endpoint is set. The embedder's factory is registered after the local one, and the KB takes the
    /// last, so a configured server wins.
    /// </summary>
    private static void AddRemoteModels(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HttpEmbedderOptions>().Bind(configuration.GetSection(HttpEmbedderOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CrossEncoderOptions>().Bind(configuration.GetSection(CrossEncoderOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        if (!string.IsNullOrWhiteSpace(configuration[HttpEmbedderOptions.Section + ":Endpoint"]))
        {
            // The clients' own timeouts are off: the options' budgets bound each call.
            services.AddHttpClient(HttpEmbeddingClient.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);
            services.TryAddSingleton<HttpEmbeddingClient>();
            services.AddSingleton<IKbEncoderFactory, HttpKbEncoderFactory>();
        }

        if (!string.IsNullOrWhiteSpace(configuration[CrossEncoderOptions.Section + ":Endpoint"]))
        {
            services.AddHttpClient(HttpCrossEncoder.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);
            services.TryAddSingleton<IKbCrossEncoder, HttpCrossEncoder>();
        }
    }
}
