using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServiceBot.Channels.Tests.Infrastructure;

/// <summary>A Direct Line 3.0 client speaking plain HTTP and WebSocket, as a site's back end or DirectLineJS would.</summary>
public sealed class DirectLineClient(HttpClient http)
{
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? bearer, JsonNode? body = null, string? rawBody = null)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (body is not null || rawBody is not null)
        {
            request.Content = new StringContent(rawBody ?? body!.ToJsonString(), Encoding.UTF8, "application/json");
        }

        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public async Task<JsonElement> JsonAsync(HttpMethod method, string path, string? bearer, JsonNode? body = null)
    {
        using var response = await SendAsync(method, path, bearer, body);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Token for a new conversation from the secret, then the conversation started with it: (conversationId, token, streamUrl).</summary>
    public async Task<(string ConversationId, string Token, string StreamUrl)> StartAsync(string secret)
    {
        var generated = await JsonAsync(HttpMethod.Post, "v3/directline/tokens/generate", secret);
        var started = await JsonAsync(HttpMethod.Post, "v3/directline/conversations", generated.GetProperty("token").GetString());
        return (started.GetProperty("conversationId").GetString()!, started.GetProperty("token").GetString()!, started.GetProperty("streamUrl").GetString()!);
    }

    public Task<JsonElement> PostMessageAsync(string conversationId, string token, string text, string? clientId = null) =>
        JsonAsync(HttpMethod.Post, $"v3/directline/conversations/{conversationId}/activities", token, new JsonObject
        {
            ["type"] = "message",
            ["text"] = text,
            ["locale"] = "zh-CN",
            ["from"] = new JsonObject { ["id"] = "someone-the-client-claims-to-be", ["role"] = "user" },
            ["channelData"] = new JsonObject { ["clientActivityID"] = clientId ?? Guid.NewGuid().ToString("N") },
        });

    /// <summary>Every activity after <paramref name="watermark"/>, paging with the watermark until none are left.</summary>
    public async Task<(List<JsonElement> Activities, string? Watermark, int Pages)> ReadAllAsync(string conversationId, string token, string? watermark = null)
    {
        var all = new List<JsonElement>();
        var pages = 0;
        while (true)
        {
            var set = await JsonAsync(HttpMethod.Get, $"v3/directline/conversations/{conversationId}/activities" + (watermark is null ? "" : "?watermark=" + watermark), token);
            var page = set.GetProperty("activities").EnumerateArray().ToList();
            watermark = set.GetProperty("watermark").GetString();
            if (page.Count == 0)
            {
                return (all, watermark, pages);
            }

            pages++;
            all.AddRange(page);
        }
    }

    public static async Task<ClientWebSocket> ConnectAsync(string streamUrl)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(streamUrl), TestContext.Current.CancellationToken);
        return socket;
    }

    /// <summary>Reads activity sets from the stream until <paramref name="until"/> holds for the activities seen; fails after the timeout.</summary>
    public static async Task<List<JsonElement>> ReceiveUntilAsync(WebSocket socket, Func<List<JsonElement>, bool> until, TimeSpan? timeout = null)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout ?? TimeSpan.FromSeconds(20));
        var seen = new List<JsonElement>();
        var buffer = new byte[64 * 1024];
        while (!until(seen))
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, cts.Token);
                message.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);

            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException("The stream closed before the expected activities arrived.");
            }

            if (message.Length == 0)
            {
                continue;
            }

            var set = JsonDocument.Parse(message.ToArray()).RootElement.Clone();
            seen.AddRange(set.GetProperty("activities").EnumerateArray());
        }

        return seen;
    }
}
