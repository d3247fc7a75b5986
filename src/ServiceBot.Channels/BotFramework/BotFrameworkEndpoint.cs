using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Logging;
using ServiceBot.Abstractions.Turns;
using ServiceBot.Channels.Hosting;
using ServiceBot.Channels.Rendering;

namespace ServiceBot.Channels.BotFramework;

/// <summary>
/// <c>POST /api/messages</c>: the Bot Framework Activity protocol, as Azure Bot Service speaks it for
/// Microsoft Teams, Azure-hosted Web Chat and the Emulator.
/// </summary>
/// <remarks>
/// The token is checked before the body is read; a request without a valid token gets 401 and is
/// never processed. The turn runs while the request is open and its replies are posted to the
/// activity's <c>serviceUrl</c> (which the token must vouch for), so the channel sees 200 once the
/// replies are out.
/// </remarks>
internal sealed partial class BotFrameworkEndpoint(
    BotFrameworkAuthenticator authenticator,
    ConnectorClient connector,
    ChannelTurnRunner runner,
    FeedbackRecorder feedback,
    IOptions<BotFrameworkOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<BotFrameworkEndpoint> logger)
{
    private readonly BotFrameworkOptions _options = options.Value;
    private readonly RecentMap<TeamsFeedbackTarget> _sent = new(50_000);

    public async Task HandleAsync(HttpContext http, string? routeBot)
    {
        var cancellationToken = http.RequestAborted;
        BotFrameworkIdentity? identity = null;
        if (!_options.AllowUnauthenticated)
        {
            identity = await authenticator.AuthenticateAsync(http.Request.Headers.Authorization.ToString() is { Length: > 0 } header ? header : null, cancellationToken).ConfigureAwait(false);
            if (identity is null)
            {
                http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }
        }

        var body = await RequestBody.ReadAsync(http.Request, _options.MaxActivityBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            await Problem(http, StatusCodes.Status413PayloadTooLarge, $"The activity is larger than {_options.MaxActivityBytes} bytes.").ConfigureAwait(false);
            return;
        }

        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize<Activity>(body, ActivityJson.Options);
        }
        catch (JsonException e)
        {
            await Problem(http, StatusCodes.Status400BadRequest, "The body is not a Bot Framework activity: " + e.Message).ConfigureAwait(false);
            return;
        }

        if (activity is null || string.IsNullOrWhiteSpace(activity.Type))
        {
            await Problem(http, StatusCodes.Status400BadRequest, "The body is not a Bot Framework activity: it has no type.").ConfigureAwait(false);
            return;
        }

        if (identity is not null && Refusal(identity, activity) is { } refusal)
        {
            LogClaimMismatch(logger, refusal, activity.ChannelId);
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        TeamsActivity.Normalize(activity);
        var bot = routeBot ?? _options.Bot;
        switch (activity.Type)
        {
            case ActivityTypes.Message:
            case ActivityTypes.ConversationUpdate:
            case ActivityTypes.EndOfConversation:
                await TurnAsync(http, activity, bot).ConfigureAwait(false);
                break;
            case ActivityTypes.Invoke:
                await InvokeAsync(http, activity, bot, cancellationToken).ConfigureAwait(false);
                break;
            default:
                // typing, messageReaction, event, installationUpdate…: acknowledged, nothing to answer.
                http.Response.StatusCode = StatusCodes.Status200OK;
                break;
        }
    }

    // The token must have been issued for this activity: for its serviceUrl (so replies cannot be
    // steered elsewhere) and, when the key lists endorsements, for its channel.
    private static string? Refusal(BotFrameworkIdentity identity, Activity activity)
    {
        if (identity.ServiceUrl is null || !SameUrl(identity.ServiceUrl, activity.ServiceUrl))
        {
            return "the token's serviceurl claim does not match the activity's serviceUrl";
        }

        if (identity.Endorsements.Count > 0 && (activity.ChannelId is null || !identity.Endorsements.Contains(activity.ChannelId, StringComparer.Ordinal)))
        {
            return "the signing key is not endorsed for the activity's channel";
        }

        return null;
    }

    private static bool SameUrl(string claim, string? activityUrl) =>
        activityUrl is not null && string.Equals(claim.TrimEnd('/'), activityUrl.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    private async Task TurnAsync(HttpContext http, Activity activity, string? bot)
    {
        var stream = new BotFrameworkReplyStream(connector, activity, time, logger);
        var outcome = await runner.RunAsync(activity, bot, activity.Type == ActivityTypes.Message ? stream : null).ConfigureAwait(false);
        if (outcome.Failure is { } failure)
        {
            var status = failure.Kind switch
            {
                ChannelTurnFailureKind.UnknownBot => StatusCodes.Status404NotFound,
                ChannelTurnFailureKind.BadActivity => StatusCodes.Status400BadRequest,
                _ => StatusCodes.Status503ServiceUnavailable,
            };
            await Problem(http, status, failure.Message).ConfigureAwait(false);
            return;
        }

        await DeliverAsync(activity, outcome.Result!).ConfigureAwait(false);
        http.Response.StatusCode = StatusCodes.Status200OK;
    }

    private async Task DeliverAsync(Activity incoming, TurnResult result)
    {
        var capabilities = ChannelCapabilityCatalog.For(incoming.ChannelId);
        var rateable = _options.TeamsFeedback && incoming.ChannelId == ChannelIds.Teams
            && result.Outcome is TurnOutcome.Answered or TurnOutcome.Suggested or TurnOutcome.Fallback;
        foreach (var reply in result.Replies)
        {
            ActivityAddressing.AddressReply(reply, incoming);
            foreach (var message in ReplyRenderer.Render(reply, capabilities))
            {
                if (rateable && message.Type == ActivityTypes.Message)
                {
                    message.ChannelData = ChannelData.With(message.ChannelData, ("feedbackLoopEnabled", true));
                }

                try
                {
                    // Delivery is not tied to the request: Bot Service may give up waiting, the customer still gets the answer.
                    var id = await connector.SendAsync(message, lifetime.ApplicationStopping).ConfigureAwait(false);
                    if (rateable && id is not null)
                    {
                        _sent.Set(id, new TeamsFeedbackTarget(result.BotId, incoming.Conversation?.Id ?? "", result.TurnId));
                    }
                }
                catch (ConnectorException e)
                {
                    LogDeliveryFailed(logger, e, result.TurnId, incoming.ChannelId);
                    return;
                }
            }
        }
    }

    private async Task InvokeAsync(HttpContext http, Activity activity, string? bot, CancellationToken cancellationToken)
    {
        if (activity.Name == "message/submitAction" && activity.Value is { ValueKind: JsonValueKind.Object } value
            && value.TryGetProperty("actionName", out var actionName) && actionName.GetString() == "feedback")
        {
            await FeedbackAsync(activity, bot, value, cancellationToken).ConfigureAwait(false);
            http.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        // Other invokes (task modules, search extensions) are not served by this bot.
        http.Response.StatusCode = StatusCodes.Status501NotImplemented;
    }

    private async Task FeedbackAsync(Activity activity, string? bot, JsonElement value, CancellationToken cancellationToken)
    {
        if (activity.ReplyToId is null || !_sent.TryGet(activity.ReplyToId, out var target) || target.ConversationId != activity.Conversation?.Id
            || (bot is not null && !string.Equals(bot, target.BotId, StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        var actionValue = value.TryGetProperty("actionValue", out var av) && av.ValueKind == JsonValueKind.Object ? av : default;
        var reaction = actionValue.ValueKind == JsonValueKind.Object && actionValue.TryGetProperty("reaction", out var r) ? r.GetString() : null;
        var kind = reaction == "dislike" ? FeedbackKind.ThumbsDown : FeedbackKind.ThumbsUp;
        string? comment = null;
        if (actionValue.ValueKind == JsonValueKind.Object && actionValue.TryGetProperty("feedback", out var text) && text.ValueKind == JsonValueKind.String)
        {
            comment = FeedbackText(text.GetString());
        }

        await feedback.RecordAsync(target.BotId, target.ConversationId, target.TurnId, kind, comment, cancellationToken).ConfigureAwait(false);
    }

    // Teams sends the comment as a JSON string {"feedbackText": "..."}.
    private static string? FeedbackText(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(raw);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("feedbackText", out var text) ? text.GetString() : raw;
        }
        catch (JsonException)
        {
            return raw;
        }
    }

    private static Task Problem(HttpContext http, int status, string message)
    {
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(new { error = new { code = status == 413 ? "PayloadTooLarge" : status == 404 ? "BotNotFound" : status == 400 ? "BadArgument" : "ServiceUnavailable", message } }, ActivityJson.Options);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A Bot Framework request from {ChannelId} was refused: {Reason}.")]
    private static partial void LogClaimMismatch(ILogger logger, string reason, string? channelId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The replies of turn {TurnId} could not be delivered to {ChannelId}.")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, string turnId, string? channelId);
}
