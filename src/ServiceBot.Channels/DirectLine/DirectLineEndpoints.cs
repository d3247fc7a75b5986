using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Logging;
using ServiceBot.Channels.Hosting;
using ServiceBot.Channels.Rendering;

namespace ServiceBot.Channels.DirectLine;

/// <summary>
/// The Direct Line 3.0 operations under <c>/v3/directline</c> (tokens, conversations, activities with
/// watermark, WebSocket stream) and the widget's anonymous token, as Microsoft's Web Chat expects them.
/// </summary>
/// <remarks>
/// Every operation on a conversation checks the credential first: the secret opens any
/// conversation, a token only its own (another conversation gets 403, an expired token 403 with
/// <c>TokenExpired</c>, anything else 401), so nobody can probe which conversations exist. A posted
/// message is stored and echoed before its turn runs; the turn's replies are stored and streamed as
/// they come. Thread-safe.
/// </remarks>
internal sealed partial class DirectLineEndpoints : IDisposable
{
    private const string ServiceBotChannelData = "servicebot";
    private const string FeedbackEvent = "servicebot/feedback";

    private readonly DirectLineTokenService _tokens;
    private readonly DirectLineConversationStore _store;
    private readonly ChannelTurnRunner _runner;
    private readonly FeedbackRecorder _feedback;
    private readonly BotAccounts _bots;
    private readonly DirectLineOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<DirectLineEndpoints> _logger;
    private readonly PartitionedRateLimiter<string> _anonymousLimiter;

    public DirectLineEndpoints(
        DirectLineTokenService tokens,
        DirectLineConversationStore store,
        ChannelTurnRunner runner,
        FeedbackRecorder feedback,
        BotAccounts bots,
        IOptions<DirectLineOptions> options,
        TimeProvider time,
        ILogger<DirectLineEndpoints> logger)
    {
        _tokens = tokens;
        _store = store;
        _runner = runner;
        _feedback = feedback;
        _bots = bots;
        _options = options.Value;
        _time = time;
        _logger = logger;
        var perMinute = _options.AnonymousTokensPerMinute;
        _anonymousLimiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetTokenBucketLimiter(address, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = perMinute,
            TokensPerPeriod = perMinute,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    public void Dispose() => _anonymousLimiter.Dispose();

    /// <summary><c>POST /v3/directline/tokens/generate</c> (secret): a token for a new conversation, optionally as a given user.</summary>
    public async Task GenerateTokenAsync(HttpContext http)
    {
        if (_tokens.Read(Bearer(http), out _) != DirectLineTokenStatus.Secret)
        {
            await DirectLineErrors.WriteAsync(http, StatusCodes.Status401Unauthorized, DirectLineErrors.Unauthorized, "Generating a token needs the Direct Line secret.").ConfigureAwait(false);
            return;
        }

        var user = await ReadUserAsync(http).ConfigureAwait(false);
        if (user is null)
        {
            await DirectLineErrors.WriteAsync(http, StatusCodes.Status400BadRequest, DirectLineErrors.BadArgument, "The body must be empty or {\"user\": {\"id\": \"…\", \"name\": \"…\"}} with an id of at most 256 characters.").ConfigureAwait(false);
            return;
        }

        var conversation = _store.Create(_options.Bot);
        var userId = user.Id ?? NewUserId();
        await http.Response.WriteAsJsonAsync(Info(http, conversation, _tokens.Issue(conversation.Id, userId, user.Name, conversation.BotId), userId, stream: false), ActivityJson.Options).ConfigureAwait(false);
    }

    /// <summary><c>POST /v3/directline/tokens/refresh</c> (token): a fresh token for the same conversation.</summary>
    public async Task RefreshTokenAsync(HttpContext http)
    {
        var access = await AuthorizeAsync(http, conversationId: null, allowSecret: false).ConfigureAwait(false);
        if (access?.Grant is not { } grant)
        {
            return;
        }

        var token = _tokens.Issue(grant.ConversationId, grant.UserId, grant.UserName, grant.BotId);
        await http.Response.WriteAsJsonAsync(Info(http, access.Conversation, token, grant.UserId, stream: false), ActivityJson.Options).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>POST /v3/directline/conversations</c>: starts the token's conversation (or, with the secret, a
    /// new one), sends the welcome the first time, and returns the stream URL.
    /// </summary>
    public async Task StartConversationAsync(HttpContext http)
    {
        var status = _tokens.Read(Bearer(http), out _);
        DirectLineAccess? access;
        if (status == DirectLineTokenStatus.Secret)
        {
            var conversation = _store.Create(_options.Bot);
            access = new DirectLineAccess(conversation, new DirectLineToken { ConversationId = conversation.Id, UserId = NewUserId(), BotId = conversation.BotId });
        }
        else
        {
            access = await AuthorizeAsync(http, conversationId: null, allowSecret: false).ConfigureAwait(false);
            if (access is null)
            {
                return;
            }
        }

        var grant = access.Grant!;
        var started = access.Conversation.TryStart();
        if (started)
        {
            // A welcome that fails for a passing reason (the bot still loading, a store down; logged by
            // the runner) must not cost the customer the conversation: only a wrong request fails here.
            var failure = await WelcomeAsync(access.Conversation, grant).ConfigureAwait(false);
            if (failure is not null && failure.Kind != ChannelTurnFailureKind.Unavailable)
            {
                await WriteFailureAsync(http, failure).ConfigureAwait(false);
                return;
            }
        }

        http.Response.StatusCode = started ? StatusCodes.Status201Created : StatusCodes.Status200OK;
        var token = _tokens.Issue(grant.ConversationId, grant.UserId, grant.UserName, grant.BotId);
        await http.Response.WriteAsJsonAsync(Info(http, access.Conversation, token, grant.UserId, stream: true), ActivityJson.Options).ConfigureAwait(false);
    }

    /// <summary><c>GET /v3/directline/conversations/{id}?watermark=</c>: a new stream URL to reconnect with.</summary>
    public async Task ReconnectAsync(HttpContext http, string conversationId)
    {
        var access = await AuthorizeAsync(http, conversationId, allowSecret: true).ConfigureAwait(false);
        if (access is null)
        {
            return;
        }

        var watermark = http.Request.Query["watermark"].ToString();
        if (watermark.Length > 0 && !TryWatermark(watermark, out _))
        {
            await DirectLineErrors.WriteAsync(http, StatusCodes.Status400BadRequest, DirectLineErrors.BadArgument, "The watermark must be a number returned by this conversation.").ConfigureAwait(false);
            return;
        }

        var grant = access.Grant;
        var token = grant is null ? Bearer(http)! : _tokens.Issue(grant.ConversationId, grant.UserId, grant.UserName, grant.BotId);
        await http.Response.WriteAsJsonAsync(Info(http, access.Conversation, token, grant?.UserId, stream: true, watermark), ActivityJson.Options).ConfigureAwait(false);
    }

    /// <summary><c>GET /v3/directline/conversations/{id}/activities?watermark=</c>: the next page of activities.</summary>
    public async Task GetActivitiesAsync(HttpContext http, string conversationId)
    {
        var access = await AuthorizeAsync(http, conversationId, allowSecret: true).ConfigureAwait(false);
        if (access is null)
        {
            return;
        }

        var raw = http.Request.Query["watermark"].ToString();
        long watermark = 0;
        if (raw.Length > 0 && !TryWatermark(raw, out watermark))
        {
            await DirectLineErrors.WriteAsync(http, StatusCodes.Status400BadRequest, DirectLineErrors.BadArgument, "The watermark must be a number returned by this conversation.").ConfigureAwait(false);
            return;
        }

        await http.Response.WriteAsJsonAsync(access.Conversation.Read(watermark, _options.PageSize), ActivityJson.Options).ConfigureAwait(false);
    }

    /// <summary><c>POST /v3/directline/conversations/{id}/activities</c>: sends an activity to the bot; returns its id.</summary>
    public async Task PostActivityAsync(HttpContext http, string conversationId)
    {
        var access = await AuthorizeAsync(http, conversationId, allowSecret: true).ConfigureAwait(false);
        if (access is null)
        {
            return;
        }

        var body = await RequestBody.ReadAsync(http.Request, _options.MaxActivityBytes, http.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            await DirectLineErrors.WriteAsync(http, StatusCodes.Status413PayloadTooLarge, DirectLineErrors.MessageTooLarge, $"An activity may be at most {_options.MaxActivityBytes} bytes of JSON.").ConfigureAwait(false);
            return;
        }

        Activity? activity;
        try
        {
            // The schema's default type would turn an untyped body into a message; Direct Line requires the type.
            using var document = JsonDocument.Parse(body);
            activity = HasType(document.RootElement) ? document.RootElement.Deserialize<Activity>(ActivityJson.Options) : null;
        }
        catch (JsonException e)
        {
            await DirectLineErrors.WriteAsync(http, StatusCodes.Status400BadRequest, DirectLineErrors.BadArgument, "The body is not an activity: " + e.Message).ConfigureAwait(false);
            return;
        }

        if (activity is null || string.IsNullOrWhiteSpace(activity.Type))
        {
            await DirectLineErrors.WriteAsync(http, StatusCodes.Status400BadRequest, DirectLineErrors.BadArgument, "The activity has no type.").ConfigureAwait(false);
            return;
        }

        if (!Stamp(activity, access))
        {
            await DirectLineErrors.WriteAsync(http, StatusCodes.Status400BadRequest, DirectLineErrors.BadArgument, "With the secret, the activity must name its sender (from.id, at most 256 characters).").ConfigureAwait(false);
            return;
        }

        if (activity.Type == ActivityTypes.Event && activity.Name == FeedbackEvent)
        {
            await FeedbackAsync(http, access, activity).ConfigureAwait(false);
            return;
        }

        if (activity.Type == ActivityTypes.Typing)
        {
            var published = access.Conversation.Publish(activity, _time.GetUtcNow());
            await http.Response.WriteAsJsonAsync(new { id = published.Id }, ActivityJson.Options).ConfigureAwait(false);
            return;
        }

        var stored = access.Conversation.Append(activity, _time.GetUtcNow());
        var failure = await RunTurnAsync(access.Conversation, stored).ConfigureAwait(false);
        if (failure is not null)
        {
            await WriteFailureAsync(http, failure).ConfigureAwait(false);
            return;
        }

        await http.Response.WriteAsJsonAsync(new { id = stored.Id }, ActivityJson.Options).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>GET /v3/directline/conversations/{id}/stream?watermark=&amp;t=</c>: a WebSocket that sends an
    /// <c>ActivitySet</c> for everything after the watermark, then each activity as it happens.
    /// </summary>
    public async Task StreamAsync(HttpContext http, string conversationId)
    {
        var credential = http.Request.Query["t"].ToString() is { Length: > 0 } t ? t : Bearer(http);
        var access = await AuthorizeAsync(http, conversationId, allowSecret: true, credential).ConfigureAwait(false);
        if (access is null)
        {
            return;
        }

        if (!http.WebSockets.IsWebSocketRequest)
        {
            await DirectLineErrors.WriteAsync(http, StatusCodes.Status400BadRequest, DirectLineErrors.BadArgument, "The stream is a WebSocket; connect with a WebSocket client.").ConfigureAwait(false);
            return;
        }

        var raw = http.Request.Query["watermark"].ToString();
        long watermark = 0;
        if (raw.Length > 0 && raw != "-" && !TryWatermark(raw, out watermark))
        {
            await DirectLineErrors.WriteAsync(http, StatusCodes.Status400BadRequest, DirectLineErrors.BadArgument, "The watermark must be a number returned by this conversation.").ConfigureAwait(false);
            return;
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        await new DirectLineStreamSession(socket, access.Conversation, _options.StreamKeepAlive, _logger).RunAsync(watermark, http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>POST /api/widget/token</c>: a token for a new conversation without the secret, for a page
    /// on an allowed origin (the embedded widget, the demo pages); <c>?bot=</c> names the bot.
    /// </summary>
    public async Task AnonymousTokenAsync(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        using var lease = _anonymousLimiter.AttemptAcquire(address);
        if (!lease.IsAcquired)
        {
            http.Response.Headers.RetryAfter = "60";
            await DirectLineErrors.WriteAsync(http, StatusCodes.Status429TooManyRequests, DirectLineErrors.TooManyRequests, "Too many new conversations from this address; try again in a minute.").ConfigureAwait(false);
            return;
        }

        var bot = http.Request.Query["bot"].ToString() is { Length: > 0 } named ? named : _options.Bot;
        if (bot is not null && (bot.Length > 64 || !_bots.Exists(bot)))
        {
            await DirectLineErrors.WriteAsync(http, StatusCodes.Status404NotFound, DirectLineErrors.NotFound, "There is no such bot on this server.").ConfigureAwait(false);
            return;
        }

        var conversation = _store.Create(bot);
        var userId = NewUserId();
        var token = _tokens.Issue(conversation.Id, userId, null, conversation.BotId);
        await http.Response.WriteAsJsonAsync(Info(http, conversation, token, userId, stream: false), ActivityJson.Options).ConfigureAwait(false);
    }

    private static string NewUserId() => "dl_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12));

    private static string? Bearer(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
    }

    private static bool HasType(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String;

    private static bool TryWatermark(string raw, out long watermark) =>
        long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out watermark);

    private static async Task<ChannelAccount?> ReadUserAsync(HttpContext http)
    {
        if (http.Request.ContentLength is null or 0 && !http.Request.Headers.TransferEncoding.Any(v => v is not null && v.Contains("chunked", StringComparison.OrdinalIgnoreCase)))
        {
            return new ChannelAccount();
        }

        var body = await RequestBody.ReadAsync(http.Request, 8 * 1024, http.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return null;
        }

        if (body.Length == 0)
        {
            return new ChannelAccount();
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (!document.RootElement.TryGetProperty("user", out var user) || user.ValueKind == JsonValueKind.Null)
            {
                return new ChannelAccount();
            }

            var account = user.Deserialize<ChannelAccount>(ActivityJson.Options);
            return account is null || account.Id is { Length: > 256 } || account.Id?.Length == 0 ? null : account;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Checks the credential against the conversation. Writes the error response and returns null when refused.
    private async Task<DirectLineAccess?> AuthorizeAsync(HttpContext http, string? conversationId, bool allowSecret, string? credential = null)
    {
        var status = _tokens.Read(credential ?? Bearer(http), out var grant);
        switch (status)
        {
            case DirectLineTokenStatus.Secret when allowSecret && conversationId is not null:
                if (_store.TryGet(conversationId, out var any))
                {
                    return new DirectLineAccess(any, null);
                }

                await DirectLineErrors.WriteAsync(http, StatusCodes.Status404NotFound, DirectLineErrors.NotFound, "There is no such conversation.").ConfigureAwait(false);
                return null;
            case DirectLineTokenStatus.Secret:
                await DirectLineErrors.WriteAsync(http, StatusCodes.Status400BadRequest, DirectLineErrors.BadArgument, "This operation takes a conversation token, not the secret.").ConfigureAwait(false);
                return null;
            case DirectLineTokenStatus.Expired:
                await DirectLineErrors.WriteAsync(http, StatusCodes.Status403Forbidden, DirectLineErrors.TokenExpired, "The token has expired; get a new one.").ConfigureAwait(false);
                return null;
            case DirectLineTokenStatus.Valid when conversationId is not null && !string.Equals(grant!.ConversationId, conversationId, StringComparison.Ordinal):
                LogCrossConversation(_logger);
                await DirectLineErrors.WriteAsync(http, StatusCodes.Status403Forbidden, DirectLineErrors.Forbidden, "The token is not valid for this conversation.").ConfigureAwait(false);
                return null;
            case DirectLineTokenStatus.Valid:
                return new DirectLineAccess(_store.Restore(grant!), grant);
            default:
                await DirectLineErrors.WriteAsync(http, StatusCodes.Status401Unauthorized, DirectLineErrors.Unauthorized, "Send the Direct Line secret or a token as 'Authorization: Bearer …'.").ConfigureAwait(false);
                return null;
        }
    }

    // Makes the posted activity the channel's: its conversation, its sender (the token's user, whatever
    // the client claims), the bot as recipient, the server's time.
    private bool Stamp(Activity activity, DirectLineAccess access)
    {
        if (access.Grant is { } grant)
        {
            activity.From = new ChannelAccount { Id = grant.UserId, Name = grant.UserName ?? activity.From?.Name, Role = "user" };
        }
        else if (activity.From?.Id is not { Length: > 0 and <= 256 })
        {
            return false;
        }
        else
        {
            activity.From.Role ??= "user";
        }

        activity.Conversation = new ConversationAccount { Id = access.Conversation.Id };
        activity.ChannelId = ChannelIds.DirectLine;
        activity.Recipient = _bots.For(access.Conversation.BotId);
        activity.ServiceUrl = null;
        activity.Id = null;
        activity.Timestamp = _time.GetUtcNow();
        return true;
    }

    private async Task<ChannelTurnFailure?> WelcomeAsync(DirectLineConversation conversation, DirectLineToken grant)
    {
        var user = new ChannelAccount { Id = grant.UserId, Name = grant.UserName, Role = "user" };
        var update = new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            ChannelId = ChannelIds.DirectLine,
            Conversation = new ConversationAccount { Id = conversation.Id },
            From = user,
            Recipient = _bots.For(conversation.BotId),
            MembersAdded = [user],
            Timestamp = _time.GetUtcNow(),
            Id = conversation.Id + "|start",
        };
        return await ProcessAsync(conversation, update, stream: null).ConfigureAwait(false);
    }

    private Task<ChannelTurnFailure?> RunTurnAsync(DirectLineConversation conversation, Activity stored)
    {
        var stream = stored.Type == ActivityTypes.Message ? new DirectLineReplyStream(conversation, stored, _bots.For(conversation.BotId), _time) : null;
        return ProcessAsync(conversation, stored, stream);
    }

    private async Task<ChannelTurnFailure?> ProcessAsync(DirectLineConversation conversation, Activity incoming, DirectLineReplyStream? stream)
    {
        // One turn of a conversation at a time here too, so replies are stored in the order the messages came.
        await conversation.TurnGate.WaitAsync().ConfigureAwait(false);
        try
        {
            // The processor gets its own copy: the stored echo must stay as the client sent it.
            var copy = JsonSerializer.Deserialize<Activity>(JsonSerializer.SerializeToUtf8Bytes(incoming, ActivityJson.Options), ActivityJson.Options)!;
            var outcome = await _runner.RunAsync(copy, conversation.BotId, stream).ConfigureAwait(false);
            if (outcome.Result is not { } result)
            {
                return outcome.Failure;
            }

            stream?.Finish(result.Replies);
            conversation.AddTurn(result.TurnId);
            var bot = _bots.For(result.BotId);
            foreach (var reply in result.Replies)
            {
                reply.From = bot;
                reply.Recipient = incoming.From;
                reply.Conversation = new ConversationAccount { Id = conversation.Id };
                reply.ChannelId = ChannelIds.DirectLine;
                reply.ReplyToId = incoming.Id;
                reply.ServiceUrl = null;
                reply.ChannelData = ChannelData.With(reply.ChannelData, (ServiceBotChannelData, new System.Text.Json.Nodes.JsonObject
                {
                    ["turnId"] = result.TurnId,
                    ["outcome"] = JsonNamingPolicy.CamelCase.ConvertName(result.Outcome.ToString()),
                }));
                foreach (var message in ReplyRenderer.Render(reply, ChannelCapabilityCatalog.DirectLine))
                {
                    message.Timestamp = null;
                    conversation.Append(message, _time.GetUtcNow());
                }
            }

            return null;
        }
        finally
        {
            conversation.TurnGate.Release();
        }
    }

    private async Task FeedbackAsync(HttpContext http, DirectLineAccess access, Activity activity)
    {
        var value = activity.Value;
        var turnId = value is { ValueKind: JsonValueKind.Object } v && v.TryGetProperty("turnId", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        var kindText = value is { ValueKind: JsonValueKind.Object } v2 && v2.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
        var comment = value is { ValueKind: JsonValueKind.Object } v3 && v3.TryGetProperty("comment", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        FeedbackKind? kind = kindText switch
        {
            "up" => FeedbackKind.ThumbsUp,
            "down" => FeedbackKind.ThumbsDown,
            _ => null,
        };
        if (turnId is null || kind is null || comment is { Length: > 2000 })
        {
            await DirectLineErrors.WriteAsync(http, StatusCodes.Status400BadRequest, DirectLineErrors.BadArgument, "Feedback needs value {\"turnId\": \"…\", \"kind\": \"up\" | \"down\", \"comment\": optional, at most 2000 characters}.").ConfigureAwait(false);
            return;
        }

        // The turn must have been answered in this very conversation; a rating of someone else's turn is refused.
        if (!access.Conversation.HasTurn(turnId))
        {
            await DirectLineErrors.WriteAsync(http, StatusCodes.Status403Forbidden, DirectLineErrors.Forbidden, "That turn does not belong to this conversation.").ConfigureAwait(false);
            return;
        }

        var result = await _feedback.RecordAsync(access.Conversation.BotId, access.Conversation.Id, turnId, kind.Value, comment, http.RequestAborted).ConfigureAwait(false);
        if (result == FeedbackResult.WrongConversation)
        {
            await DirectLineErrors.WriteAsync(http, StatusCodes.Status403Forbidden, DirectLineErrors.Forbidden, "That turn does not belong to this conversation.").ConfigureAwait(false);
            return;
        }

        await http.Response.WriteAsJsonAsync(new { id = access.Conversation.Id + "|f" + Guid.NewGuid().ToString("N")[..12], stored = result == FeedbackResult.Stored }, ActivityJson.Options).ConfigureAwait(false);
    }

    private static Task WriteFailureAsync(HttpContext http, ChannelTurnFailure failure) => failure.Kind switch
    {
        ChannelTurnFailureKind.UnknownBot => DirectLineErrors.WriteAsync(http, StatusCodes.Status404NotFound, DirectLineErrors.NotFound, failure.Message),
        ChannelTurnFailureKind.BadActivity => DirectLineErrors.WriteAsync(http, StatusCodes.Status400BadRequest, DirectLineErrors.BadArgument, failure.Message),
        _ => DirectLineErrors.WriteAsync(http, StatusCodes.Status502BadGateway, DirectLineErrors.BotError, failure.Message),
    };

    private DirectLineConversationInfo Info(HttpContext http, DirectLineConversation conversation, string token, string? userId, bool stream, string? watermark = null) => new()
    {
        ConversationId = conversation.Id,
        Token = token,
        ExpiresIn = _tokens.LifetimeSeconds,
        StreamUrl = stream ? StreamUrl(http, conversation.Id, token, watermark) : null,
        UserId = userId,
    };

    private string StreamUrl(HttpContext http, string conversationId, string token, string? watermark)
    {
        var baseUrl = _options.PublicBaseUrl?.AbsoluteUri.TrimEnd('/') ?? $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
        var socketBase = baseUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? "wss://" + baseUrl[8..] : "ws://" + baseUrl[(baseUrl.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var query = $"t={Uri.EscapeDataString(token)}";
        if (!string.IsNullOrEmpty(watermark))
        {
            query += "&watermark=" + Uri.EscapeDataString(watermark);
        }

        return $"{socketBase}/v3/directline/conversations/{Uri.EscapeDataString(conversationId)}/stream?{query}";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A Direct Line token was used for a conversation it does not grant; refused.")]
    private static partial void LogCrossConversation(ILogger logger);
}
