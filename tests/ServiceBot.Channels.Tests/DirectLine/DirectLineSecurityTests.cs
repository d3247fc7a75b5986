using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using ServiceBot.Channels.Tests.Infrastructure;

namespace ServiceBot.Channels.Tests.DirectLine;

/// <summary>A token opens its own conversation only, and only until it expires; browsers on other origins are kept out.</summary>
public sealed class DirectLineSecurityTests(DirectLineFixture fixture) : IClassFixture<DirectLineFixture>
{
    private DirectLineClient Client => fixture.Client;

    [Fact]
    public async Task ATokenCannotReadPostOrStreamAnotherConversation()
    {
        var (victim, victimToken, _) = await Client.StartAsync(DirectLineFixture.Secret);
        await Client.PostMessageAsync(victim, victimToken, "我的订单号是 20261122001");
        var (_, attackerToken, _) = await Client.StartAsync(DirectLineFixture.Secret);
        var before = fixture.Server.Processor.Received.Count(a => a.Conversation?.Id == victim);

        using var read = await Client.SendAsync(HttpMethod.Get, $"v3/directline/conversations/{victim}/activities", attackerToken);
        using var post = await Client.SendAsync(HttpMethod.Post, $"v3/directline/conversations/{victim}/activities", attackerToken, new System.Text.Json.Nodes.JsonObject { ["type"] = "message", ["text"] = "取消订单" });
        using var reconnect = await Client.SendAsync(HttpMethod.Get, $"v3/directline/conversations/{victim}", attackerToken);
        var stream = await StreamStatusAsync($"v3/directline/conversations/{victim}/stream?t={Uri.EscapeDataString(attackerToken)}");

        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reconnect.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, stream);
        Assert.Equal("Forbidden", await CodeAsync(read));
        Assert.Equal(before, fixture.Server.Processor.Received.Count(a => a.Conversation?.Id == victim));
        var (history, _, _) = await Client.ReadAllAsync(victim, victimToken);
        Assert.DoesNotContain(history, a => a.GetProperty("text").GetString() == "取消订单");
    }

    [Fact]
    public async Task RefusesTamperedAndForeignTokensWith401()
    {
        var (conversationId, token, _) = await Client.StartAsync(DirectLineFixture.Secret);
        var parts = token.Split('.');
        var payload = parts[1].ToCharArray();
        payload[5] = payload[5] == 'A' ? 'B' : 'A';
        var tampered = $"{parts[0]}.{new string(payload)}.{parts[2]}";

        using var withTampered = await Client.SendAsync(HttpMethod.Get, $"v3/directline/conversations/{conversationId}/activities", tampered);
        using var withGarbage = await Client.SendAsync(HttpMethod.Get, $"v3/directline/conversations/{conversationId}/activities", "eyJhbGciOiJIUzI1NiJ9.e30.abc");
        using var withNothing = await Client.SendAsync(HttpMethod.Get, $"v3/directline/conversations/{conversationId}/activities", null);

        Assert.Equal(HttpStatusCode.Unauthorized, withTampered.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withGarbage.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withNothing.StatusCode);
    }

    [Fact]
    public async Task AnExpiredTokenIsRefusedWithTokenExpiredAndARefreshedOneKeepsWorking()
    {
        await using var server = await ChannelHost.StartAsync(DirectLineFixture.Settings(("ServiceBot:DirectLine:TokenLifetime", "00:10:00")));
        var client = new DirectLineClient(server.Client);
        var (conversationId, token, _) = await client.StartAsync(DirectLineFixture.Secret);

        server.Clock.Advance(TimeSpan.FromMinutes(6));
        var refreshed = (await client.JsonAsync(HttpMethod.Post, "v3/directline/tokens/refresh", token)).GetProperty("token").GetString()!;
        server.Clock.Advance(TimeSpan.FromMinutes(6));

        using var oldRead = await client.SendAsync(HttpMethod.Get, $"v3/directline/conversations/{conversationId}/activities", token);
        using var oldPost = await client.SendAsync(HttpMethod.Post, $"v3/directline/conversations/{conversationId}/activities", token, new System.Text.Json.Nodes.JsonObject { ["type"] = "message", ["text"] = "hi" });
        using var oldRefresh = await client.SendAsync(HttpMethod.Post, "v3/directline/tokens/refresh", token);
        var oldStream = await StreamStatusAsync($"v3/directline/conversations/{conversationId}/stream?t={Uri.EscapeDataString(token)}", server.Client);
        var (activities, _, _) = await client.ReadAllAsync(conversationId, refreshed);
        await client.PostMessageAsync(conversationId, refreshed, "还在吗");

        foreach (var response in new[] { oldRead, oldPost, oldRefresh })
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("TokenExpired", await CodeAsync(response));
        }

        Assert.Equal(HttpStatusCode.Forbidden, oldStream);
        Assert.Single(activities);
    }

    [Fact]
    public async Task TheSecretIsNotAConversationToken()
    {
        using var refresh = await Client.SendAsync(HttpMethod.Post, "v3/directline/tokens/refresh", DirectLineFixture.Secret);
        using var unknown = await Client.SendAsync(HttpMethod.Get, "v3/directline/conversations/no-such-conversation/activities", DirectLineFixture.Secret);

        Assert.Equal(HttpStatusCode.BadRequest, refresh.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task AnswersPreflightsFromAllowedOriginsOnly()
    {
        var allowed = await PreflightAsync(DirectLineFixture.AllowedOrigin);
        var other = await PreflightAsync("https://evil.example.net");
        using var get = new HttpRequestMessage(HttpMethod.Post, "api/widget/token");
        get.Headers.Add("Origin", DirectLineFixture.AllowedOrigin);
        using var actual = await fixture.Server.Client.SendAsync(get, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        Assert.Equal(DirectLineFixture.AllowedOrigin, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("authorization", string.Join(',', allowed.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.OrdinalIgnoreCase);
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(HttpStatusCode.OK, actual.StatusCode);
        Assert.Equal(DirectLineFixture.AllowedOrigin, actual.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task LimitsAnonymousTokensPerClientAddress()
    {
        await using var server = await ChannelHost.StartAsync(DirectLineFixture.Settings(("ServiceBot:DirectLine:AnonymousTokensPerMinute", "2")));
        var client = new DirectLineClient(server.Client);

        using var first = await client.SendAsync(HttpMethod.Post, "api/widget/token", null);
        using var second = await client.SendAsync(HttpMethod.Post, "api/widget/token", null);
        using var third = await client.SendAsync(HttpMethod.Post, "api/widget/token", null);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal("60", third.Headers.GetValues("Retry-After").Single());
    }

    private async Task<HttpResponseMessage> PreflightAsync(string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "v3/directline/conversations");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        return await fixture.Server.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private async Task<HttpStatusCode> StreamStatusAsync(string path, HttpClient? http = null)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        var url = new Uri((http ?? fixture.Server.Client).BaseAddress!, path).AbsoluteUri.Replace("http://", "ws://", StringComparison.Ordinal);
        try
        {
            await socket.ConnectAsync(new Uri(url), TestContext.Current.CancellationToken);
            return HttpStatusCode.SwitchingProtocols;
        }
        catch (WebSocketException)
        {
            return socket.HttpStatusCode;
        }
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("error").GetProperty("code").GetString();
}
