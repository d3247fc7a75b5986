using ServiceBot.Channels;
using ServiceBot.ChatBot;
using ServiceBot.Core;
using ServiceBot.Funnel;
using ServiceBot.KbBot;
using ServiceBot.Redis;
using ServiceBot.SensitiveWords;
using ServiceBot.Server.Endpoints;
using ServiceBot.Storage;
using ServiceBot.TaskBot;
using ServiceBot.Text;

namespace ServiceBot.Server;

/// <summary>
/// The composition root: every feature registers itself here, once. The pipeline's stage order is
/// not decided here but in <c>PipelineOptions.DefaultOrder</c> (overridable by configuration).
/// </summary>
public static class ServiceBotComposition
{
    /// <summary>Registers all of ServiceBot's services.</summary>
    public static IServiceCollection AddServiceBot(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddServiceBotCore(configuration);
        services.AddServiceBotText(configuration);
        services.AddServiceBotStorage(configuration);
        services.AddServiceBotRedis(configuration);
        services.AddServiceBotKbBot(configuration);
        services.AddServiceBotTaskBot(configuration);
        services.AddServiceBotFunnel(configuration);
        services.AddServiceBotSensitiveWords(configuration);
        services.AddServiceBotChannels(configuration);
        services.AddServiceBotChatBot(configuration);
        return services;
    }

    /// <summary>Maps all of ServiceBot's HTTP endpoints.</summary>
    public static IEndpointRouteBuilder MapServiceBot(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthEndpoints();
        endpoints.MapTurnEndpoints();
        endpoints.MapServiceBotChannels();
        return endpoints;
    }
}
