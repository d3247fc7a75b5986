using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ServiceBot.Channels.BotFramework;
using ServiceBot.Channels.Cors;
using ServiceBot.Channels.DirectLine;
using ServiceBot.Channels.Hosting;
using ServiceBot.Channels.Slack;
using ServiceBot.Channels.Web;

namespace ServiceBot.Channels;

/// <summary>Registers the channel adapters; <see cref="ChannelsEndpointRouteBuilderExtensions.MapServiceBotChannels"/> serves them.</summary>
public static class ChannelsServiceCollectionExtensions
{
    /// <summary>
    /// Adds Bot Framework (<c>ServiceBot:BotFramework</c>), Direct Line (<c>ServiceBot:DirectLine</c>),
    /// Slack (<c>ServiceBot:Slack</c>), CORS (<c>ServiceBot:Cors</c>) and the widget
    /// (<c>ServiceBot:Widget</c>), each with validated options. Channels need an
    /// <see cref="Abstractions.Turns.ITurnProcessor"/>; ratings are stored when an
    /// <see cref="Abstractions.Logging.IConversationLog"/> is registered.
    /// </summary>
    public static IServiceCollection AddServiceBotChannels(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BotFrameworkOptions>().Bind(configuration.GetSection(BotFrameworkOptions.Section)).ValidateOnStart();
        services.AddOptions<DirectLineOptions>().Bind(configuration.GetSection(DirectLineOptions.Section)).ValidateOnStart();
        services.AddOptions<SlackOptions>().Bind(configuration.GetSection(SlackOptions.Section)).ValidateOnStart();
        services.AddOptions<ChannelCorsOptions>().Bind(configuration.GetSection(ChannelCorsOptions.Section)).ValidateOnStart();
        services.AddOptions<WidgetOptions>().Bind(configuration.GetSection(WidgetOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotFrameworkOptions>, BotFrameworkOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DirectLineOptions>, DirectLineOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChannelCorsOptions>, ChannelCorsOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.AddCors();
        services.AddHttpClient(BotFrameworkAuthenticator.HttpClientName).ConfigurePrimaryHttpMessageHandler(PooledHandler);
        services.AddHttpClient(ConnectorTokenProvider.HttpClientName).ConfigurePrimaryHttpMessageHandler(PooledHandler);
        services.AddHttpClient(ConnectorClient.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30)).ConfigurePrimaryHttpMessageHandler(PooledHandler);
        services.AddHttpClient(SlackWebApi.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30)).ConfigurePrimaryHttpMessageHandler(PooledHandler);

        services.TryAddSingleton<ChannelTurnRunner>();
        services.TryAddSingleton<FeedbackRecorder>();
        services.TryAddSingleton<BotAccounts>();

        services.TryAddSingleton<BotFrameworkAuthenticator>();
        services.TryAddSingleton<ConnectorTokenProvider>();
        services.TryAddSingleton<ConnectorClient>();
        services.TryAddSingleton<BotFrameworkEndpoint>();

        services.TryAddSingleton<DirectLineTokenService>();
        services.TryAddSingleton<DirectLineConversationStore>();
        services.TryAddSingleton<DirectLineEndpoints>();

        services.TryAddSingleton<SlackSignatureVerifier>();
        services.TryAddSingleton<SlackEventDeduplicator>();
        services.TryAddSingleton<SlackWebApi>();
        services.TryAddSingleton<SlackDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<SlackDispatcher>());
        services.TryAddSingleton<SlackEndpoints>();

        services.TryAddSingleton<WidgetEndpoints>();
        return services;
    }

    // Pooled connections are recycled so DNS changes of the channel endpoints are picked up.
    private static SocketsHttpHandler PooledHandler() => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        AutomaticDecompression = DecompressionMethods.All,
    };
}
