using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ServiceBot.Abstractions.Logging;
using ServiceBot.Channels.Tests.Infrastructure;

namespace ServiceBot.Channels.Tests.DirectLine;

/// <summary>Direct Line 3.0 over HTTP: tokens from the secret, starting a conversation, posting, and reading with the watermark.</summary>
public sealed class DirectLineConversationTests(DirectLineFixture fixture) : IClassFixture<DirectLineFixture>
{
    private DirectLineClient Client => fixture.Client;

    [Fact]
    public async Task GeneratesATokenForANewConversationOnlyWithTheSecret()
    {
        using var none = await Client.SendAsync(HttpMethod.Post, "v3/directline/tokens/generate", null);
        using var wrong = await Client.SendAsync(HttpMethod.Post, "v3/directline/tokens/generate", "not-the-secret-at-all");
        var generated = await Client.JsonAsync(HttpMethod.Post, "v3/directline/tokens/generate", DirectLineFixture.Secret, new JsonObject { ["user"] = new JsonObject { ["id"] = "dl_customer-42", ["name"] = "王女士" } });

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("Unauthorized", JsonDocument.Parse(await wrong.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(generated.GetProperty("conversationId").GetString()));
        Assert.Equal(1800, generated.GetProperty("expires_in").GetInt32());
        Assert.Equal("dl_customer-42", generated.GetProperty("userId").GetString());
        Assert.DoesNotContain(DirectLineFixture.Secret, generated.GetProperty("token").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartingTheConversationWelcomesTheUserAndGivesAStreamUrl()
    {
        var generated = await Client.JsonAsync(HttpMethod.Post, "v3/directline/tokens/generate", DirectLineFixture.Secret);
        var token = generated.GetProperty("token").GetString();

        using var first = await Client.SendAsync(HttpMethod.Post, "v3/directline/conversations", token);
        using var second = await Client.SendAsync(HttpMethod.Post, "v3/directline/conversations", token);
        var started = JsonDocument.Parse(await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        var conversationId = started.GetProperty("conversationId").GetString()!;
        var (activities, _, _) = await Client.ReadAllAsync(conversationId, token!);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(generated.GetProperty("conversationId").GetString(), conversationId);
        Assert.StartsWith("ws://", started.GetProperty("streamUrl").GetString(), StringComparison.Ordinal);
        Assert.Contains($"/v3/directline/conversations/{conversationId}/stream?t=", started.GetProperty("streamUrl").GetString(), StringComparison.Ordinal);
        var welcome = Assert.Single(activities);
        Assert.Equal(ScriptedTurnProcessor.Welcome, welcome.GetProperty("text").GetString());
        Assert.Equal("bot", welcome.GetProperty("from").GetProperty("role").GetString());
        Assert.Equal("shop", welcome.GetProperty("from").GetProperty("id").GetString());
    }

    [Fact]
    public async Task PostingAMessageReturnsItsIdAndStoresTheEchoThenTheReply()
    {
        var (conversationId, token, _) = await Client.StartAsync(DirectLineFixture.Secret);

        var posted = await Client.PostMessageAsync(conversationId, token, "我要退货", clientId: "client-1");
        var (activities, _, _) = await Client.ReadAllAsync(conversationId, token);

        Assert.Equal(3, activities.Count);
        var echo = activities[1];
        var reply = activities[2];
        Assert.Equal(posted.GetProperty("id").GetString(), echo.GetProperty("id").GetString());
        Assert.StartsWith(conversationId + "|", echo.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("我要退货", echo.GetProperty("text").GetString());
        Assert.Equal("user", echo.GetProperty("from").GetProperty("role").GetString());
        Assert.StartsWith("dl_", echo.GetProperty("from").GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("client-1", echo.GetProperty("channelData").GetProperty("clientActivityID").GetString());
        Assert.Equal(ScriptedTurnProcessor.ReturnsAnswer, reply.GetProperty("text").GetString());
        Assert.Equal("markdown", reply.GetProperty("textFormat").GetString());
        Assert.Equal(echo.GetProperty("id").GetString(), reply.GetProperty("replyToId").GetString());
        Assert.Equal("answered", reply.GetProperty("channelData").GetProperty("servicebot").GetProperty("outcome").GetString());
        Assert.False(string.IsNullOrEmpty(reply.GetProperty("channelData").GetProperty("servicebot").GetProperty("turnId").GetString()));

        // The pipeline saw the token's user, whatever id the client claimed.
        var received = Assert.Single(fixture.Server.Processor.Received, a => a.Conversation?.Id == conversationId && a.Type == "message");
        Assert.Equal(echo.GetProperty("from").GetProperty("id").GetString(), received.From!.Id);
        Assert.Equal("directline", received.ChannelId);
    }

    [Fact]
    public async Task PagesThroughEveryActivityWithTheWatermarkWithoutRepeatsOrGaps()
    {
        var (conversationId, token, _) = await Client.StartAsync(DirectLineFixture.Secret);
        for (var i = 0; i < 4; i++)
        {
            await Client.PostMessageAsync(conversationId, token, "消息" + i);
        }

        var (activities, watermark, pages) = await Client.ReadAllAsync(conversationId, token);
        var (nothingNew, sameWatermark, _) = await Client.ReadAllAsync(conversationId, token, watermark);
        await Client.PostMessageAsync(conversationId, token, "最后一条");
        var (latest, _, _) = await Client.ReadAllAsync(conversationId, token, watermark);

        Assert.Equal(9, activities.Count);
        Assert.Equal(3, pages);
        Assert.Equal(activities.Select(a => a.GetProperty("id").GetString()).Distinct(StringComparer.Ordinal).Count(), activities.Count);
        Assert.Equal(["消息0", "echo: 消息0", "消息1", "echo: 消息1"], activities.Skip(1).Take(4).Select(a => a.GetProperty("text").GetString()));
        Assert.Equal("9", watermark);
        Assert.Empty(nothingNew);
        Assert.Equal(watermark, sameWatermark);
        Assert.Equal(["最后一条", "echo: 最后一条"], latest.Select(a => a.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task KeepsSuggestedActionsForWebChatToShow()
    {
        var (conversationId, token, _) = await Client.StartAsync(DirectLineFixture.Secret);

        await Client.PostMessageAsync(conversationId, token, "运费");
        var (activities, _, _) = await Client.ReadAllAsync(conversationId, token);

        var actions = activities[^1].GetProperty("suggestedActions").GetProperty("actions").EnumerateArray().ToList();
        Assert.Equal([ScriptedTurnProcessor.ShippingQuestion, ScriptedTurnProcessor.DeliveryQuestion, "配送说明"], actions.Select(a => a.GetProperty("title").GetString()));
        Assert.Equal("imBack", actions[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task StoresThumbsUpForATurnOfTheSameConversation()
    {
        var (conversationId, token, _) = await Client.StartAsync(DirectLineFixture.Secret);
        await Client.PostMessageAsync(conversationId, token, "我要退货");
        var (activities, _, _) = await Client.ReadAllAsync(conversationId, token);
        var turnId = activities[^1].GetProperty("channelData").GetProperty("servicebot").GetProperty("turnId").GetString()!;

        var rated = await Client.JsonAsync(HttpMethod.Post, $"v3/directline/conversations/{conversationId}/activities", token, Feedback(turnId, "up", "很清楚"));

        Assert.True(rated.GetProperty("stored").GetBoolean());
        var (_, feedback) = Assert.Single(fixture.Server.Log.Feedback, f => f.Feedback.TurnId == turnId);
        Assert.Equal(FeedbackKind.ThumbsUp, feedback.Kind);
        Assert.Equal("很清楚", feedback.Comment);
    }

    [Fact]
    public async Task RefusesToRateATurnOfAnotherConversationAndStoresNothing()
    {
        var (victim, victimToken, _) = await Client.StartAsync(DirectLineFixture.Secret);
        await Client.PostMessageAsync(victim, victimToken, "我要退货");
        var (activities, _, _) = await Client.ReadAllAsync(victim, victimToken);
        var victimTurn = activities[^1].GetProperty("channelData").GetProperty("servicebot").GetProperty("turnId").GetString()!;
        var (attacker, attackerToken, _) = await Client.StartAsync(DirectLineFixture.Secret);

        using var response = await Client.SendAsync(HttpMethod.Post, $"v3/directline/conversations/{attacker}/activities", attackerToken, Feedback(victimTurn, "down", null));
        using var malformed = await Client.SendAsync(HttpMethod.Post, $"v3/directline/conversations/{attacker}/activities", attackerToken, Feedback(victimTurn, "meh", null));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.DoesNotContain(fixture.Server.Log.Feedback, f => f.Feedback.TurnId == victimTurn);
    }

    [Fact]
    public async Task WithTheSecretAnActivityMustNameItsSender()
    {
        var (conversationId, _, _) = await Client.StartAsync(DirectLineFixture.Secret);

        using var anonymous = await Client.SendAsync(HttpMethod.Post, $"v3/directline/conversations/{conversationId}/activities", DirectLineFixture.Secret, new JsonObject { ["type"] = "message", ["text"] = "hi" });
        using var named = await Client.SendAsync(HttpMethod.Post, $"v3/directline/conversations/{conversationId}/activities", DirectLineFixture.Secret, new JsonObject { ["type"] = "message", ["text"] = "hi", ["from"] = new JsonObject { ["id"] = "backend-user-1" } });

        Assert.Equal(HttpStatusCode.BadRequest, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, named.StatusCode);
    }

    [Fact]
    public async Task RefusesAnActivityLargerThanTheLimitAndBadJson()
    {
        var (conversationId, token, _) = await Client.StartAsync(DirectLineFixture.Secret);

        using var large = await Client.SendAsync(HttpMethod.Post, $"v3/directline/conversations/{conversationId}/activities", token, new JsonObject { ["type"] = "message", ["text"] = new string('字', 120_000) });
        using var broken = await Client.SendAsync(HttpMethod.Post, $"v3/directline/conversations/{conversationId}/activities", token, rawBody: "{\"type\": ");
        using var untyped = await Client.SendAsync(HttpMethod.Post, $"v3/directline/conversations/{conversationId}/activities", token, new JsonObject { ["text"] = "hi" });
        using var badWatermark = await Client.SendAsync(HttpMethod.Get, $"v3/directline/conversations/{conversationId}/activities?watermark=abc", token);
        var (activities, _, _) = await Client.ReadAllAsync(conversationId, token);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.Equal("MessageSizeTooBig", JsonDocument.Parse(await large.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, untyped.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badWatermark.StatusCode);
        Assert.Single(activities);
    }

    [Fact]
    public async Task GivesTheWidgetAnAnonymousTokenForANewConversationWithAKnownBot()
    {
        var info = await Client.JsonAsync(HttpMethod.Post, "api/widget/token?bot=shop", null);
        using var unknown = await Client.SendAsync(HttpMethod.Post, "api/widget/token?bot=nosuchbot", null);
        var started = await Client.JsonAsync(HttpMethod.Post, "v3/directline/conversations", info.GetProperty("token").GetString());

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.StartsWith("dl_", info.GetProperty("userId").GetString(), StringComparison.Ordinal);
        Assert.Equal(info.GetProperty("conversationId").GetString(), started.GetProperty("conversationId").GetString());
    }

    private static JsonObject Feedback(string turnId, string kind, string? comment) => new()
    {
        ["type"] = "event",
        ["name"] = "servicebot/feedback",
        ["value"] = new JsonObject { ["turnId"] = turnId, ["kind"] = kind, ["comment"] = comment },
    };
}
