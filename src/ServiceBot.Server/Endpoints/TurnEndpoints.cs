using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Turns;
using ServiceBot.Core.Bots;

namespace ServiceBot.Server.Endpoints;

/// <summary><c>POST /api/turns</c>: a JSON endpoint for programmatic use and tests.</summary>
internal static class TurnEndpoints
{
    /// <summary>Requests larger than this are refused with 413 before they are read.</summary>
    public const long MaxBodyBytes = 64 * 1024;

    public static void MapTurnEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/turns", HandleAsync)
            .WithTags("Turns")
            .WithSummary("Sends one customer message and returns the bot's replies.")
            .WithDescription("Body: TurnApiRequest (conversationId, userId, text required). Add \"trace\": true or ?trace=true for the trace.")
            .Accepts<TurnApiRequest>("application/json")
            .Produces<TurnApiResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> HandleAsync(HttpContext http, ITurnProcessor processor, bool? trace, CancellationToken cancellationToken)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Message too large", $"A turn request may be at most {MaxBodyBytes / 1024} KB.");
        }

        if (!http.Request.HasJsonContentType())
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "JSON expected", "Send the turn as application/json.");
        }

        TurnApiRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<TurnApiRequest>(http.Request.Body, ActivityJson.Options, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid JSON", $"The body is not a valid turn request: {e.Message}");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Message too large", $"A turn request may be at most {MaxBodyBytes / 1024} KB.");
        }

        var invalid = Validate(request);
        if (invalid is not null)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid turn request", invalid);
        }

        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            ChannelId = request!.ChannelId ?? "api",
            From = new ChannelAccount { Id = request.UserId, Name = request.UserName, Role = "user" },
            Recipient = new ChannelAccount { Id = request.BotId ?? "bot", Role = "bot" },
            Conversation = new ConversationAccount { Id = request.ConversationId },
            Text = request.Text,
            Locale = request.Locale,
            LocalTimezone = request.Timezone,
            Value = request.Value,
        };

        try
        {
            var result = await processor.ProcessAsync(activity, new TurnRequest { BotId = request.BotId }, cancellationToken).ConfigureAwait(false);
            return TypedResults.Ok(new TurnApiResponse(
                result.TurnId,
                result.BotId,
                request.ConversationId!,
                result.Outcome,
                result.AnsweredBy,
                result.Replies,
                request.Trace || trace == true ? result.Trace : null));
        }
        catch (UnknownBotException e)
        {
            return Problem(StatusCodes.Status404NotFound, "Unknown bot", e.Message);
        }
        catch (InvalidActivityException e)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid turn request", e.Message);
        }
        catch (BotNotReadyException e)
        {
            http.Response.Headers.RetryAfter = "5";
            return Problem(StatusCodes.Status503ServiceUnavailable, "Bot not ready", e.Message);
        }
    }

    private static string? Validate(TurnApiRequest? request)
    {
        if (request is null)
        {
            return "The body is empty; send {\"conversationId\": …, \"userId\": …, \"text\": …}.";
        }

        if (string.IsNullOrWhiteSpace(request.ConversationId))
        {
            return "conversationId is required.";
        }

        if (string.IsNullOrWhiteSpace(request.UserId))
        {
            return "userId is required.";
        }

        if (string.IsNullOrWhiteSpace(request.Text) && request.Value is null)
        {
            return request.Text is null ? "text is required (or value, for a clicked button)." : "text is empty.";
        }

        return null;
    }

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);
}
