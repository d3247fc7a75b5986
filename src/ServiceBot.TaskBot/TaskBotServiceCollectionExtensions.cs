using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.Nlu;
using ServiceBot.Abstractions.Responders;
using ServiceBot.TaskBot.Backend;
using ServiceBot.TaskBot.Content;
using ServiceBot.TaskBot.Nlu;

namespace ServiceBot.TaskBot;

/// <summary>Registration of TaskBot.</summary>
public static class TaskBotServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <c>taskbot</c> dialog responder, its bot initializer (dialog checks, intent
    /// training), the HTTP client of backend actions, and its classifier as the
    /// <see cref="IIntentRecognizer"/> (unless one is registered first) for the funnel's intent rules.
    /// </summary>
    /// <remarks>Needs an <c>ITextAnalyzer</c>; uses the <c>IKnowledgeStore</c>, when registered, for the classifier's negatives.</remarks>
    public static IServiceCollection AddServiceBotTaskBot(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        // Actions carry their own timeouts; the client's own limit only catches a forgotten one.
        services.AddHttpClient(BackendCaller.HttpClientName, client => client.Timeout = TimeSpan.FromMinutes(2));
        services.TryAddSingleton<TaskBotContentCache>();
        services.TryAddSingleton<BackendCaller>();
        services.TryAddSingleton<IIntentRecognizer, TaskBotIntentRecognizer>();
        services.AddSingleton<IResponder, TaskBotResponder>();
        services.AddSingleton<IBotInitializer, TaskBotInitializer>();
        return services;
    }
}
