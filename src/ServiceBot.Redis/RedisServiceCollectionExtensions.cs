using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServiceBot.Abstractions.Cache;
using ServiceBot.Abstractions.Knowledge;
using ServiceBot.Abstractions.State;
using ServiceBot.Abstractions.Throttling;

namespace ServiceBot.Redis;

/// <summary>Registers the Redis stores when <c>ServiceBot:Redis:Configuration</c> is set.</summary>
public static class RedisServiceCollectionExtensions
{
    /// <summary>
    /// With Redis configured, conversation state, the answer cache, conversation locks, rate limits and
    /// knowledge change notices move to Redis (replacing the in-process ones), so the server can run as
    /// stateless replicas. Without it, nothing changes.
    /// </summary>
    public static IServiceCollection AddServiceBotRedis(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(RedisOptions.Section);
        if (string.IsNullOrWhiteSpace(section[nameof(RedisOptions.Configuration)]))
        {
            return services;
        }

        services.AddOptions<RedisOptions>().Bind(section).ValidateOnStart();
        services.TryAddSingleton<RedisConnection>();
        services.Replace(ServiceDescriptor.Singleton<IConversationStateStore, RedisConversationStateStore>());
        services.Replace(ServiceDescriptor.Singleton<IConversationLock, RedisConversationLock>());
        services.Replace(ServiceDescriptor.Singleton<IAnswerCache, RedisAnswerCache>());
        services.Replace(ServiceDescriptor.Singleton<IKnowledgeChangeNotifier, RedisKnowledgeChangeNotifier>());
        services.Replace(ServiceDescriptor.Singleton<IRateLimiter, RedisRateLimiter>());
        return services;
    }
}
