using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ServiceBot.Channels.Tests.Infrastructure;

namespace ServiceBot.Channels.Tests.BotFramework;

/// <summary>
/// A channel server configured for a Bot Framework App ID, the local OpenID metadata server whose keys
/// sign the channel's tokens, and a local connector (which also serves the OAuth token endpoint).
/// </summary>
public sealed class BotFrameworkFixture : IAsyncLifetime
{
    public const string AppId = "app-123";
    public const string AppPassword = "app-password-1";
    public const string BotToken = "bot-token-1";

    private int _ids;

    public OpenIdServer OpenId { get; private set; } = null!;

    public RecordingServer Connector { get; private set; } = null!;

    public ChannelHost Server { get; private set; } = null!;

    /// <summary>Conversations whose first connector call answers 429 (to test retries).</summary>
    public HashSet<string> ThrottleOnce { get; } = new(StringComparer.Ordinal);

    public string ServiceUrl => Connector.BaseAddress.AbsoluteUri.TrimEnd('/');

    public async ValueTask InitializeAsync()
    {
        OpenId = await OpenIdServer.StartAsync("msteams", "webchat", "directline", "emulator", "telegram");
        Connector = await RecordingServer.StartAsync(Respond);
        Server = await ChannelHost.StartAsync(new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ServiceBot:BotFramework:AppId"] = AppId,
            ["ServiceBot:BotFramework:AppPassword"] = AppPassword,
            ["ServiceBot:BotFramework:OpenIdMetadataUrl"] = OpenId.MetadataUrl.AbsoluteUri,
            ["ServiceBot:BotFramework:RequireHttpsMetadata"] = "false",
            ["ServiceBot:BotFramework:TokenEndpoint"] = new Uri(Connector.BaseAddress, "oauth/token").AbsoluteUri,
            ["ServiceBot:BotFramework:KeysMinimumRefreshInterval"] = "00:00:01",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Connector.DisposeAsync();
        await OpenId.DisposeAsync();
    }

    /// <summary>A Teams personal-chat message as Teams sends it, @mention included, in its own new conversation.</summary>
    public JsonObject TeamsMessage(string text, string? conversationId = null, string channelId = "msteams")
    {
        var id = "1700000000" + Interlocked.Increment(ref _ids).ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["type"] = "message",
            ["id"] = id,
            ["timestamp"] = "2026-11-22T10:00:00.000Z",
            ["localTimestamp"] = "2026-11-22T18:00:00.000+08:00",
            ["serviceUrl"] = ServiceUrl,
            ["channelId"] = channelId,
            ["from"] = new JsonObject { ["id"] = "29:1user-aad", ["name"] = "张三", ["aadObjectId"] = "00000000-0000-0000-0000-000000000001" },
            ["conversation"] = new JsonObject { ["conversationType"] = "personal", ["id"] = conversationId ?? NewConversationId() },
            ["recipient"] = new JsonObject { ["id"] = "28:" + AppId, ["name"] = "ServiceBot" },
            ["textFormat"] = "plain",
            ["locale"] = "zh-CN",
            ["text"] = "<at>ServiceBot</at> " + text,
            ["entities"] = new JsonArray(
                new JsonObject { ["type"] = "mention", ["mentioned"] = new JsonObject { ["id"] = "28:" + AppId, ["name"] = "ServiceBot" }, ["text"] = "<at>ServiceBot</at>" },
                new JsonObject { ["type"] = "clientInfo", ["locale"] = "zh-CN", ["country"] = "CN", ["platform"] = "Web" }),
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "tenant-1" } },
        };
    }

    public static string NewConversationId() => "a:1" + Guid.NewGuid().ToString("N");

    public string Token(string? serviceUrl = null) => OpenId.CreateToken(AppId, serviceUrl ?? ServiceUrl);

    public async Task<HttpResponseMessage> PostAsync(JsonObject activity, string? token, string path = "api/messages")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Server.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public IEnumerable<RecordedRequest> RepliesTo(string conversationId) =>
        Connector.Requests.Where(r => r.Path.StartsWith("/v3/conversations/" + Uri.EscapeDataString(conversationId) + "/", StringComparison.Ordinal));

    private (int, string) Respond(RecordedRequest request)
    {
        if (request.Path.StartsWith("/oauth/token", StringComparison.Ordinal))
        {
            return (200, $$"""{"token_type":"Bearer","expires_in":3599,"ext_expires_in":3599,"access_token":"{{BotToken}}"}""");
        }

        lock (ThrottleOnce)
        {
            foreach (var conversation in ThrottleOnce)
            {
                if (request.Path.Contains(Uri.EscapeDataString(conversation), StringComparison.Ordinal))
                {
                    ThrottleOnce.Remove(conversation);
                    return (429, """{"error":{"code":"Throttled","message":"slow down"}}""");
                }
            }
        }

        return (200, $$"""{"id":"reply-{{Guid.NewGuid():N}}"}""");
    }
}
