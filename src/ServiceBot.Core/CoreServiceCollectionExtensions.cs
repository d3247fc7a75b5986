using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.Cache;
using ServiceBot.Abstractions.Knowledge;
using ServiceBot.Abstractions.Logging;
using ServiceBot.Abstractions.State;
using ServiceBot.Abstractions.Turns;
using ServiceBot.Core.Bots;
using ServiceBot.Core.Cache;
using ServiceBot.Core.Knowledge;
using ServiceBot.Core.Logging;
using ServiceBot.Core.Pipeline;
using ServiceBot.Core.Replies;
using ServiceBot.Core.Stages;
using ServiceBot.Core.State;
using ServiceBot.Core.Turns;

namespace ServiceBot.Core;

/// <summary>Registers the turn processor, pipeline, core stages, bot catalog and in-process stores.</summary>
public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// Adds the core. Stores are added only when none is registered yet, so a store provider
    /// (Redis, SQL) may be added before or after and wins either way (providers replace).
    /// </summary>
    public static IServiceCollection AddServiceBotCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ServiceBotOptions>().Bind(configuration.GetSection(ServiceBotOptions.Section)).ValidateOnStart();
        services.AddOptions<TurnOptions>().Bind(configuration.GetSection(TurnOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PipelineOptions>().Bind(configuration.GetSection(PipelineOptions.Section)).ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IBotCatalog, BotCatalog>();
        services.TryAddSingleton<BotReadiness>();
        services.AddHostedService<BotInitializationService>();

        services.TryAddSingleton<IConversationStateStore, InMemoryConversationStateStore>();
        services.TryAddSingleton<IConversationLock, InMemoryConversationLock>();
        services.TryAddSingleton<IAnswerCache, InMemoryAnswerCache>();
        services.TryAddSingleton<IKnowledgeChangeNotifier, InProcessKnowledgeChangeNotifier>();
        services.TryAddSingleton<ITranscriptRedactor, PassThroughRedactor>();
        services.TryAddSingleton<IConversationLog, InMemoryConversationLog>();

        services.TryAddSingleton<TurnLogWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<TurnLogWriter>());

        services.TryAddSingleton<BotReplies>();
        services.TryAddSingleton<TurnErrorHandler>();
        services.TryAddSingleton<TurnPipeline>();
        services.TryAddSingleton<ITurnProcessor, TurnProcessor>();

        // The core's own stages; the others come from the feature projects. Their order is
        // PipelineOptions.DefaultOrder, not this list.
        services.AddSingleton<ITurnStage, AnalyzeStage>();
        services.AddSingleton<ITurnStage, HandoffStage>();
        services.AddSingleton<ITurnStage, DialogStage>();
        services.AddSingleton<ITurnStage, RouterStage>();
        services.AddSingleton<ITurnStage, PostFilterStage>();
        return services;
    }
}
