using System.Net.WebSockets;
using System.Text.Json;
using ServiceBot.Channels.Tests.Infrastructure;

namespace ServiceBot.Channels.Tests.DirectLine;

/// <summary>The WebSocket stream: backlog, live activities, streamed replies and reconnecting from a watermark.</summary>
public sealed class DirectLineStreamTests(DirectLineFixture fixture) : IClassFixture<DirectLineFixture>
{
    private DirectLineClient Client => fixture.Client;

    [Fact]
    public async Task StreamsTheBacklogThenEachNewActivity()
    {
        var (conversationId, token, streamUrl) = await Client.StartAsync(DirectLineFixture.Secret);
        using var socket = await DirectLineClient.ConnectAsync(streamUrl);

        var backlog = await DirectLineClient.ReceiveUntilAsync(socket, seen => seen.Count >= 1);
        await Client.PostMessageAsync(conversationId, token, "我要退货");
        var live = await DirectLineClient.ReceiveUntilAsync(socket, seen => seen.Exists(a => a.GetProperty("type").GetString() == "message" && a.GetProperty("from").GetProperty("role").GetString() == "bot"));

        Assert.Equal(ScriptedTurnProcessor.Welcome, Assert.Single(backlog).GetProperty("text").GetString());
        var messages = live.Where(a => a.GetProperty("type").GetString() == "message").ToList();
        Assert.Equal(["我要退货", ScriptedTurnProcessor.ReturnsAnswer], messages.Select(a => a.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task StreamsAGeneratedReplyAsWebChatLivestreamingThenTheFinalMessage()
    {
        var (conversationId, token, streamUrl) = await Client.StartAsync(DirectLineFixture.Secret);
        using var socket = await DirectLineClient.ConnectAsync(streamUrl);
        await DirectLineClient.ReceiveUntilAsync(socket, seen => seen.Count >= 1);

        await Client.PostMessageAsync(conversationId, token, "stream please");
        var seen = await DirectLineClient.ReceiveUntilAsync(socket, s => s.Exists(a => a.GetProperty("type").GetString() == "message" && a.GetProperty("from").GetProperty("role").GetString() == "bot"));

        var partials = seen.Where(a => a.GetProperty("type").GetString() == "typing" && a.TryGetProperty("text", out _)).ToList();
        Assert.Equal(["第一句。", "第一句。第二句。", "第一句。第二句。第三句。"], partials.Select(a => a.GetProperty("text").GetString()));
        Assert.Equal([1, 2, 3], partials.Select(a => a.GetProperty("channelData").GetProperty("streamSequence").GetInt32()));
        Assert.All(partials, a => Assert.Equal("streaming", a.GetProperty("channelData").GetProperty("streamType").GetString()));
        var streamId = partials[0].GetProperty("id").GetString();
        Assert.All(partials.Skip(1), a => Assert.Equal(streamId, a.GetProperty("channelData").GetProperty("streamId").GetString()));
        var final = seen.Last();
        Assert.Equal("第一句。第二句。第三句。", final.GetProperty("text").GetString());
        Assert.Equal("final", final.GetProperty("channelData").GetProperty("streamType").GetString());
        Assert.Equal(streamId, final.GetProperty("channelData").GetProperty("streamId").GetString());

        // Partial text is live only: the stored history holds the echo and the final reply.
        var (history, _, _) = await Client.ReadAllAsync(conversationId, token);
        Assert.DoesNotContain(history, a => a.GetProperty("type").GetString() == "typing");
    }

    [Fact]
    public async Task ReconnectingWithTheWatermarkDeliversWhatWasMissedAndNothingTwice()
    {
        var (conversationId, token, streamUrl) = await Client.StartAsync(DirectLineFixture.Secret);
        string watermark;
        using (var socket = await DirectLineClient.ConnectAsync(streamUrl))
        {
            await DirectLineClient.ReceiveUntilAsync(socket, seen => seen.Count >= 1);
            var (_, current, _) = await Client.ReadAllAsync(conversationId, token);
            watermark = current!;
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "network lost", TestContext.Current.CancellationToken);
        }

        await Client.PostMessageAsync(conversationId, token, "我要退货");
        await Client.PostMessageAsync(conversationId, token, "运费怎么算");
        var reconnect = await Client.JsonAsync(HttpMethod.Get, $"v3/directline/conversations/{conversationId}?watermark={watermark}", token);
        using var again = await DirectLineClient.ConnectAsync(reconnect.GetProperty("streamUrl").GetString()!);
        var missed = await DirectLineClient.ReceiveUntilAsync(again, seen => seen.Count >= 4);

        Assert.Contains("watermark=" + watermark, reconnect.GetProperty("streamUrl").GetString(), StringComparison.Ordinal);
        Assert.Equal(["我要退货", ScriptedTurnProcessor.ReturnsAnswer, "运费怎么算", ScriptedTurnProcessor.ShippingAnswer], missed.Select(a => a.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task SendsKeepAlivesOnAnIdleStream()
    {
        await using var server = await ChannelHost.StartAsync(DirectLineFixture.Settings(("ServiceBot:DirectLine:StreamKeepAlive", "00:00:01")));
        var client = new DirectLineClient(server.Client);
        var (_, _, streamUrl) = await client.StartAsync(DirectLineFixture.Secret);
        using var socket = await DirectLineClient.ConnectAsync(streamUrl);
        await DirectLineClient.ReceiveUntilAsync(socket, seen => seen.Count >= 1);

        var buffer = new byte[1024];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        var result = await socket.ReceiveAsync(buffer, timeout.Token);

        Assert.Equal(WebSocketMessageType.Text, result.MessageType);
        Assert.Equal(0, result.Count);
    }

    [Fact]
    public async Task RefusesAPlainHttpRequestToTheStream()
    {
        var (conversationId, token, _) = await Client.StartAsync(DirectLineFixture.Secret);

        using var response = await Client.SendAsync(HttpMethod.Get, $"v3/directline/conversations/{conversationId}/stream?t={Uri.EscapeDataString(token)}", null);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("BadArgument", JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("error").GetProperty("code").GetString());
    }
}
