using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.Filters;
using ServiceBot.Abstractions.Logging;
using ServiceBot.Abstractions.Turns;
using ServiceBot.SensitiveWords.Rejection;

namespace ServiceBot.SensitiveWords;

/// <summary>Registers the rejector: the <c>rejector</c> stage, the reply filter and the PII transcript redactor.</summary>
public static class SensitiveWordsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <c>rejector</c> stage (sensitive words, PII, prompt-injection verdict), the same
    /// word lists as an <see cref="IReplyFilter"/> on every reply, the PII redactor for stored
    /// transcripts (replacing any registered before), and the compiler that runs when a bot loads.
    /// Options bind from <c>ServiceBot:SensitiveWords</c> and are validated on start.
    /// </summary>
    public static IServiceCollection AddServiceBotSensitiveWords(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SensitiveWordsOptions>().Bind(configuration.GetSection(SensitiveWordsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RejectorRegistry>();
        services.AddSingleton<IBotInitializer, RejectorInitializer>();
        services.AddSingleton<ITurnStage, RejectorStage>();
        services.AddSingleton<IReplyFilter, SensitiveWordReplyFilter>();
        services.Replace(ServiceDescriptor.Singleton<ITranscriptRedactor, PiiTranscriptRedactor>());
        return services;
    }
}
