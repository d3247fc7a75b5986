using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ServiceBot.Channels.Tests.Infrastructure;

namespace ServiceBot.Channels.Tests.Slack;

/// <summary>
/// A channel server configured as a Slack app, and a local server speaking Slack's Web API
/// (<c>chat.postMessage</c>, <c>chat.update</c>) that records what the bot posts.
/// </summary>
public sealed class SlackFixture : IAsyncLifetime
{
    public const string SigningSecret = "slack-signing-secret-for-tests";
    public const string BotToken = "xoxb-test-bot-token";
    public const string BotUserId = "UBOT0001";
    public const string Team = "T0TEAM01";

    private int _ts;

    public RecordingServer SlackApi { get; private set; } = null!;

    public ChannelHost Server { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        SlackApi = await RecordingServer.StartAsync(request =>
        {
            var ts = "1700000000." + Interlocked.Increment(ref _ts).ToString("D6", CultureInfo.InvariantCulture);
            return (200, $"{{\"ok\":true,\"channel\":\"C1\",\"ts\":\"{ts}\"}}");
        });
        Server = await ChannelHost.StartAsync(new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ServiceBot:Slack:SigningSecret"] = SigningSecret,
            ["ServiceBot:Slack:BotToken"] = BotToken,
            ["ServiceBot:Slack:ApiBaseUrl"] = new Uri(SlackApi.BaseAddress, "api/").AbsoluteUri,
        });
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await SlackApi.DisposeAsync();
    }

    /// <summary>A direct message to the bot as the Events API delivers it, in a new DM channel.</summary>
    public JsonObject DirectMessage(string text, out string channel, string? eventId = null)
    {
        channel = "D" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        var ts = "1700000100." + Interlocked.Increment(ref _ts).ToString("D6", CultureInfo.InvariantCulture);
        return DirectMessageIn(channel, text, ts, eventId);
    }

    public static JsonObject DirectMessageIn(string channel, string text, string ts, string? eventId = null) => new()
    {
        ["token"] = "legacy-verification-token",
        ["team_id"] = Team,
        ["api_app_id"] = "A0APP001",
        ["type"] = "event_callback",
        ["event_id"] = eventId ?? "Ev" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant(),
        ["event_time"] = 1_700_000_100,
        ["authorizations"] = new JsonArray(new JsonObject { ["team_id"] = Team, ["user_id"] = BotUserId, ["is_bot"] = true }),
        ["event"] = new JsonObject
        {
            ["type"] = "message",
            ["channel_type"] = "im",
            ["channel"] = channel,
            ["user"] = "U0CUSTOMER",
            ["text"] = text,
            ["ts"] = ts,
            ["event_ts"] = ts,
        },
    };

    /// <summary>Posts a body signed as Slack signs it (v0, HMAC-SHA256) at <paramref name="signedAt"/> (now when null).</summary>
    public async Task<HttpResponseMessage> PostSignedAsync(string path, string body, string contentType, DateTimeOffset? signedAt = null, string? secret = null, string? tamperedBody = null, int? retry = null)
    {
        var timestamp = (signedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(tamperedBody ?? body, Encoding.UTF8, contentType) };
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", Sign(secret ?? SigningSecret, timestamp, body));
        if (retry is { } number)
        {
            request.Headers.Add("X-Slack-Retry-Num", number.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        }

        return await Server.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public Task<HttpResponseMessage> PostEventAsync(JsonObject callback, int? retry = null) =>
        PostSignedAsync("api/slack/events", callback.ToJsonString(), "application/json", retry: retry);

    /// <summary>A click on <paramref name="button"/> (as posted by the bot) in <paramref name="channel"/>, as Slack sends it.</summary>
    public Task<HttpResponseMessage> ClickAsync(string channel, JsonObject button)
    {
        var payload = new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = "U0CUSTOMER", ["team_id"] = Team },
            ["team"] = new JsonObject { ["id"] = Team },
            ["api_app_id"] = "A0APP001",
            ["container"] = new JsonObject { ["type"] = "message", ["channel_id"] = channel, ["message_ts"] = "1700000000.000001", ["is_ephemeral"] = false },
            ["channel"] = new JsonObject { ["id"] = channel },
            ["trigger_id"] = "1.2.3",
            ["actions"] = new JsonArray(new JsonObject
            {
                ["type"] = "button",
                ["action_id"] = button["action_id"]!.GetValue<string>(),
                ["block_id"] = "b1",
                ["value"] = button["value"]!.GetValue<string>(),
                ["text"] = button["text"]!.DeepClone(),
                ["action_ts"] = "1700000200." + Interlocked.Increment(ref _ts).ToString("D6", CultureInfo.InvariantCulture),
            }),
        };
        var body = "payload=" + Uri.EscapeDataString(payload.ToJsonString());
        return PostSignedAsync("api/slack/interactions", body, "application/x-www-form-urlencoded");
    }

    /// <summary>Waits for the bot's <c>chat.postMessage</c> calls to <paramref name="channel"/>.</summary>
    public async Task<IReadOnlyList<JsonObject>> PostsToAsync(string channel, int count = 1)
    {
        var requests = await SlackApi.WaitForAsync(r => r.Path.EndsWith("/chat.postMessage", StringComparison.Ordinal) && r.Json.GetProperty("channel").GetString() == channel, count, TimeSpan.FromSeconds(30));
        return [.. requests.Select(r => JsonNode.Parse(r.Body)!.AsObject())];
    }

    public static string Sign(string secret, string timestamp, string body)
    {
        var hash = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}"));
        return "v0=" + Convert.ToHexStringLower(hash);
    }
}
