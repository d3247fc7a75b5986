using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.Throttling;
using ServiceBot.Abstractions.Turns;
using ServiceBot.Funnel.Cache;
using ServiceBot.Funnel.Guard;
using ServiceBot.Funnel.Rules;

namespace ServiceBot.Funnel;

/// <summary>Registers the funnel: the <c>guard</c>, <c>rules</c> and <c>cache</c> stages.</summary>
public static class FunnelServiceCollectionExtensions
{
    /// <summary>
    /// Adds the guard, rules and cache stages, the in-process rate limiter (unless another
    /// <see cref="IRateLimiter"/>, e.g. Redis's, is registered first), and the rules compiler that
    /// runs when a bot loads. Options bind from <c>ServiceBot:Funnel</c> and are validated on start.
    /// The cache stage needs an <see cref="Abstractions.Cache.IAnswerCache"/> from the host.
    /// </summary>
    public static IServiceCollection AddServiceBotFunnel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FunnelOptions>().Bind(configuration.GetSection(FunnelOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<FunnelSettingsCache>();
        services.TryAddSingleton<IRateLimiter, InMemoryRateLimiter>();
        services.TryAddSingleton<RuleBookRegistry>();
        services.TryAddSingleton<HotAnswerCounter>();
        services.AddSingleton<IBotInitializer, RulesInitializer>();
        services.AddSingleton<ITurnStage, GuardStage>();
        services.AddSingleton<ITurnStage, RulesStage>();
        services.AddSingleton<ITurnStage, CacheStage>();
        return services;
    }
}
