using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using ServiceBot.Abstractions.Logging;
using ServiceBot.Channels.Hosting;

namespace ServiceBot.Channels.Slack;

/// <summary>
/// <c>POST /api/slack/events</c> (Events API: URL verification, DMs, mentions) and
/// <c>POST /api/slack/interactions</c> (button clicks). Every request is checked against the signing
/// secret and the replay window before anything else; then it is acknowledged at once and answered
/// through <see cref="SlackDispatcher"/>.
/// </summary>
/// <remarks>
/// Retries (<c>X-Slack-Retry-Num</c>) and duplicate deliveries of one event are acknowledged but
/// processed once, by event id and by message. Thread-safe.
/// </remarks>
internal sealed partial class SlackEndpoints(
    SlackSignatureVerifier verifier,
    SlackEventDeduplicator deduplicator,
    SlackDispatcher dispatcher,
    Microsoft.Extensions.Options.IOptions<SlackOptions> options,
    ILogger<SlackEndpoints> logger)
{
    private const int MaxBodyBytes = 1024 * 1024;
    private readonly SlackOptions _options = options.Value;

    public async Task EventsAsync(HttpContext http)
    {
        var body = await VerifiedBodyAsync(http).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        JsonElement callback;
        try
        {
            using var document = JsonDocument.Parse(body);
            callback = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var type = callback.ValueKind == JsonValueKind.Object && callback.TryGetProperty("type", out var t) ? t.GetString() : null;
        if (type == "url_verification")
        {
            var challenge = callback.TryGetProperty("challenge", out var c) ? c.GetString() : null;
            await http.Response.WriteAsJsonAsync(new { challenge }).ConfigureAwait(false);
            return;
        }

        if (type != "event_callback")
        {
            http.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        var eventId = SlackEvents.EventId(callback);
        if (eventId is not null && !deduplicator.TryTake(eventId))
        {
            LogDuplicate(logger, eventId, http.Request.Headers["X-Slack-Retry-Num"].ToString());
            http.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        var inbound = SlackEvents.FromCallback(callback, _options.ReplyInThread);
        if (inbound is null || !deduplicator.TryTake(SlackEvents.MessageKey(inbound)))
        {
            http.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        if (!dispatcher.TryEnqueue(new SlackWork(inbound)))
        {
            // Forget the ids so Slack's retry of this event is taken when there is room again.
            if (eventId is not null)
            {
                deduplicator.Release(eventId);
            }

            deduplicator.Release(SlackEvents.MessageKey(inbound));
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
    }

    public async Task InteractionsAsync(HttpContext http)
    {
        var body = await VerifiedBodyAsync(http).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        JsonElement payload;
        try
        {
            var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
            if (!form.TryGetValue("payload", out var raw) || raw.Count != 1)
            {
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            using var document = JsonDocument.Parse(raw[0]!);
            payload = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (payload.ValueKind != JsonValueKind.Object || !payload.TryGetProperty("type", out var type) || type.GetString() != "block_actions"
            || !payload.TryGetProperty("actions", out var actions) || actions.ValueKind != JsonValueKind.Array)
        {
            http.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        foreach (var action in actions.EnumerateArray())
        {
            var work = Work(payload, action);
            if (work is not null && !dispatcher.TryEnqueue(work))
            {
                http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
    }

    private static SlackWork? Work(JsonElement payload, JsonElement action)
    {
        var actionId = action.TryGetProperty("action_id", out var id) ? id.GetString() ?? "" : "";
        var inbound = SlackEvents.FromAction(payload, action);
        if (inbound is null)
        {
            return null;
        }

        return actionId switch
        {
            SlackRenderer.FeedbackUpAction => new SlackWork(inbound, FeedbackKind.ThumbsUp, inbound.Text),
            SlackRenderer.FeedbackDownAction => new SlackWork(inbound, FeedbackKind.ThumbsDown, inbound.Text),
            _ when actionId.StartsWith(SlackRenderer.SuggestionAction + ".", StringComparison.Ordinal) => new SlackWork(inbound),

            // Link buttons open in the browser; Slack reports the click, there is nothing to answer.
            _ => null,
        };
    }

    // Reads the raw body and checks Slack's signature; writes 401/413 and returns null when refused.
    private async Task<byte[]?> VerifiedBodyAsync(HttpContext http)
    {
        var body = await RequestBody.ReadAsync(http.Request, MaxBodyBytes, http.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return null;
        }

        var refusal = verifier.Check(http.Request.Headers["X-Slack-Request-Timestamp"].ToString(), http.Request.Headers["X-Slack-Signature"].ToString(), body);
        if (refusal is not null)
        {
            LogRefused(logger, refusal);
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return null;
        }

        return body;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A Slack request was refused: {Reason}.")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack event {EventId} was already taken (retry {RetryNum}); acknowledged without a second answer.")]
    private static partial void LogDuplicate(ILogger logger, string eventId, string retryNum);
}
