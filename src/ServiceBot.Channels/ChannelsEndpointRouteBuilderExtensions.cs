using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServiceBot.Channels.BotFramework;
using ServiceBot.Channels.Cors;
using ServiceBot.Channels.DirectLine;
using ServiceBot.Channels.Slack;
using ServiceBot.Channels.Web;

namespace ServiceBot.Channels;

/// <summary>Serves the channels registered by <see cref="ChannelsServiceCollectionExtensions.AddServiceBotChannels"/>.</summary>
public static partial class ChannelsEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>/api/messages</c> (when a Bot Framework App ID is configured), <c>/v3/directline/*</c>,
    /// <c>/api/slack/*</c> (when a Slack signing secret is configured), <c>/api/widget/*</c>, the widget
    /// assets under <c>/widget/</c> and the demo pages <c>/widget/</c> and <c>/webchat/</c>.
    /// </summary>
    /// <remarks>
    /// Self-contained: the CORS policy of <c>ServiceBot:Cors</c> and WebSocket support are applied by
    /// the endpoints themselves, so the host needs no extra middleware. Options are validated here, so
    /// a bad channel setting stops the server with a message naming it.
    /// </remarks>
    public static IEndpointRouteBuilder MapServiceBotChannels(this IEndpointRouteBuilder endpoints)
    {
        var services = endpoints.ServiceProvider;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("ServiceBot.Channels");
        var cors = Policy(services.GetRequiredService<IOptions<ChannelCorsOptions>>().Value);

        var botFramework = services.GetRequiredService<IOptions<BotFrameworkOptions>>().Value;
        if (botFramework.IsEnabled)
        {
            var endpoint = services.GetRequiredService<BotFrameworkEndpoint>();
            endpoints.MapPost("/api/messages", (HttpContext http) => endpoint.HandleAsync(http, null)).ExcludeFromDescription();
            endpoints.MapPost("/api/messages/{bot}", (HttpContext http, string bot) => endpoint.HandleAsync(http, bot)).ExcludeFromDescription();
            if (botFramework.AllowUnauthenticated)
            {
                LogUnauthenticated(logger);
            }
        }
        else
        {
            LogChannelOff(logger, "Bot Framework (/api/messages)", BotFrameworkOptions.Section + ":AppId");
        }

        var directLine = services.GetRequiredService<DirectLineEndpoints>();
        var directLineOptions = services.GetRequiredService<IOptions<DirectLineOptions>>().Value;
        MapCors(endpoints, cors, "/v3/directline/tokens/generate", HttpMethods.Post, directLine.GenerateTokenAsync);
        MapCors(endpoints, cors, "/v3/directline/tokens/refresh", HttpMethods.Post, directLine.RefreshTokenAsync);
        MapCors(endpoints, cors, "/v3/directline/conversations", HttpMethods.Post, directLine.StartConversationAsync);
        MapCors(endpoints, cors, "/v3/directline/conversations/{conversationId}", HttpMethods.Get, http => directLine.ReconnectAsync(http, Route(http)));
        MapCors(endpoints, cors, "/v3/directline/conversations/{conversationId}/activities", HttpMethods.Get, http => directLine.GetActivitiesAsync(http, Route(http)));
        MapCors(endpoints, cors, "/v3/directline/conversations/{conversationId}/activities", HttpMethods.Post, http => directLine.PostActivityAsync(http, Route(http)));
        var stream = endpoints.CreateApplicationBuilder()
            .UseWebSockets(new WebSocketOptions { KeepAliveInterval = directLineOptions.StreamKeepAlive })
            .Use(_ => http => directLine.StreamAsync(http, Route(http)))
            .Build();
        endpoints.MapGet("/v3/directline/conversations/{conversationId}/stream", stream).ExcludeFromDescription();
        if (directLineOptions.AnonymousTokens)
        {
            MapCors(endpoints, cors, "/api/widget/token", HttpMethods.Post, directLine.AnonymousTokenAsync);
        }

        var slack = services.GetRequiredService<IOptions<SlackOptions>>().Value;
        if (slack.IsEnabled)
        {
            var slackEndpoints = services.GetRequiredService<SlackEndpoints>();
            endpoints.MapPost("/api/slack/events", slackEndpoints.EventsAsync).ExcludeFromDescription();
            endpoints.MapPost("/api/slack/interactions", slackEndpoints.InteractionsAsync).ExcludeFromDescription();
        }
        else
        {
            LogChannelOff(logger, "Slack (/api/slack/*)", SlackOptions.Section + ":SigningSecret");
        }

        var widget = services.GetRequiredService<IOptions<WidgetOptions>>().Value;
        if (widget.Enabled)
        {
            var widgetEndpoints = services.GetRequiredService<WidgetEndpoints>();
            MapCors(endpoints, cors, "/api/widget/config", HttpMethods.Get, widgetEndpoints.ConfigAsync);
            endpoints.MapGet("/widget/servicebot-widget.js", http => WebAssets.ServeAsync(http, "servicebot-widget.js")).ExcludeFromDescription();
            endpoints.MapGet("/widget/servicebot-widget.css", http => WebAssets.ServeAsync(http, "servicebot-widget.css")).ExcludeFromDescription();
            if (widget.DemoPages)
            {
                endpoints.MapGet("/widget/", http => WebAssets.ServeAsync(http, "widget-demo.html")).ExcludeFromDescription();
                endpoints.MapGet("/webchat/", http => WebAssets.ServeAsync(http, "webchat-demo.html")).ExcludeFromDescription();
                endpoints.MapGet("/webchat/webchat.js", widgetEndpoints.WebChatBundleAsync).ExcludeFromDescription();
                if (widgetEndpoints.WebChatBundlePath is null)
                {
                    LogWebChatMissing(logger, widget.WebChatBundle);
                }
            }
        }

        return endpoints;
    }

    private static string Route(HttpContext http) => http.Request.RouteValues["conversationId"] as string ?? "";

    // Each endpoint runs behind its own CORS step, so preflights are answered here and the host
    // needs no UseCors (and no endpoint metadata that would demand it).
    private static void MapCors(IEndpointRouteBuilder endpoints, CorsPolicy policy, string pattern, string method, RequestDelegate handler)
    {
        var pipeline = endpoints.CreateApplicationBuilder()
            .UseCors(builder => Copy(policy, builder))
            .Use(_ => handler)
            .Build();
        endpoints.MapMethods(pattern, [method, HttpMethods.Options], pipeline).ExcludeFromDescription();
    }

    private static void Copy(CorsPolicy policy, CorsPolicyBuilder builder)
    {
        if (policy.AllowAnyOrigin)
        {
            builder.AllowAnyOrigin();
        }
        else
        {
            builder.WithOrigins([.. policy.Origins]);
        }

        builder.WithMethods([.. policy.Methods]).WithHeaders([.. policy.Headers]).SetPreflightMaxAge(policy.PreflightMaxAge ?? TimeSpan.Zero);
    }

    private static CorsPolicy Policy(ChannelCorsOptions options)
    {
        var builder = new CorsPolicyBuilder();
        if (options.Origins.Contains("*"))
        {
            builder.AllowAnyOrigin();
        }
        else
        {
            builder.WithOrigins([.. options.Origins]);
        }

        // Bearer tokens travel in the Authorization header, never in cookies: no credentials mode.
        return builder.WithMethods(HttpMethods.Get, HttpMethods.Post).WithHeaders("Authorization", "Content-Type", "x-ms-bot-agent", "x-ms-bot-id", "x-requested-with")
            .SetPreflightMaxAge(options.PreflightMaxAge).Build();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Channel {Channel} is off: {Setting} is not set.")]
    private static partial void LogChannelOff(ILogger logger, string channel, string setting);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bot Framework requests are accepted WITHOUT authentication (AllowUnauthenticated); use this only with the Emulator on a developer machine.")]
    private static partial void LogUnauthenticated(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Microsoft Web Chat is not installed ({Path} not found); the /webchat/ demo page explains how to install it.")]
    private static partial void LogWebChatMissing(ILogger logger, string path);
}
