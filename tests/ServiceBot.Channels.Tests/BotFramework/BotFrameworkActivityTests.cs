using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ServiceBot.Abstractions.Logging;
using ServiceBot.Channels.Tests.Infrastructure;

namespace ServiceBot.Channels.Tests.BotFramework;

/// <summary>Real-shaped Teams and Web Chat activities through /api/messages, answered at a local connector.</summary>
public sealed class BotFrameworkActivityTests(BotFrameworkFixture fixture) : IClassFixture<BotFrameworkFixture>
{
    [Fact]
    public async Task AnswersATeamsMessageAtTheConnectorWithTheBotsBearerToken()
    {
        var conversation = BotFrameworkFixture.NewConversationId();
        var activity = fixture.TeamsMessage("我要退货", conversation);

        var response = await fixture.PostAsync(activity, fixture.Token());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(fixture.RepliesTo(conversation));
        Assert.Equal("POST", reply.Method);
        Assert.Equal($"/v3/conversations/{Uri.EscapeDataString(conversation)}/activities/{activity["id"]}", reply.Path);
        Assert.Equal("Bearer " + BotFrameworkFixture.BotToken, reply.Authorization);
        var body = reply.Json;
        Assert.Equal("message", body.GetProperty("type").GetString());
        Assert.Equal(ScriptedTurnProcessor.ReturnsAnswer, body.GetProperty("text").GetString());
        Assert.Equal("markdown", body.GetProperty("textFormat").GetString());
        Assert.Equal("28:" + BotFrameworkFixture.AppId, body.GetProperty("from").GetProperty("id").GetString());
        Assert.Equal("29:1user-aad", body.GetProperty("recipient").GetProperty("id").GetString());
        Assert.Equal(activity["id"]!.GetValue<string>(), body.GetProperty("replyToId").GetString());
        Assert.True(body.GetProperty("channelData").GetProperty("feedbackLoopEnabled").GetBoolean());

        // The token came from the configured endpoint by client credentials.
        var tokenRequest = fixture.Connector.Requests.First(r => r.Path == "/oauth/token");
        Assert.Contains("grant_type=client_credentials", tokenRequest.Body, StringComparison.Ordinal);
        Assert.Contains("client_id=" + BotFrameworkFixture.AppId, tokenRequest.Body, StringComparison.Ordinal);
        Assert.Contains("scope=https%3A%2F%2Fapi.botframework.com%2F.default", tokenRequest.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StripsTheBotsMentionAndCopiesTheTenantBeforeTheTurn()
    {
        var conversation = BotFrameworkFixture.NewConversationId();

        await fixture.PostAsync(fixture.TeamsMessage("我要退货", conversation), fixture.Token());

        var received = Assert.Single(fixture.Server.Processor.Received, a => a.Conversation?.Id == conversation);
        Assert.Equal("我要退货", received.Text);
        Assert.Equal("tenant-1", received.Conversation!.TenantId);
        Assert.Equal("msteams", received.ChannelId);
    }

    [Fact]
    public async Task ReusesTheConnectorTokenAcrossReplies()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await fixture.PostAsync(fixture.TeamsMessage("你好"), fixture.Token())).StatusCode);
        }

        Assert.Single(fixture.Connector.Requests, r => r.Path == "/oauth/token");
    }

    [Fact]
    public async Task WelcomesAMemberWhoJoinsTheConversation()
    {
        var conversation = BotFrameworkFixture.NewConversationId();
        var update = fixture.TeamsMessage("", conversation);
        update["type"] = "conversationUpdate";
        update.Remove("text");
        update.Remove("entities");
        update["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "29:1user-aad" });

        var response = await fixture.PostAsync(update, fixture.Token());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(fixture.RepliesTo(conversation));
        Assert.Equal(ScriptedTurnProcessor.Welcome, reply.Json.GetProperty("text").GetString());
    }

    [Fact]
    public async Task ShowsSuggestionsOnTeamsAsAnAdaptiveCardThatSendsTheQuestionBack()
    {
        var conversation = BotFrameworkFixture.NewConversationId();

        await fixture.PostAsync(fixture.TeamsMessage("运费", conversation), fixture.Token());

        var body = Assert.Single(fixture.RepliesTo(conversation)).Json;
        var attachment = Assert.Single(body.GetProperty("attachments").EnumerateArray());
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.GetProperty("contentType").GetString());
        var card = attachment.GetProperty("content");
        Assert.Equal("您是不是想问：", card.GetProperty("body")[0].GetProperty("text").GetString());
        var actions = card.GetProperty("actions").EnumerateArray().ToList();
        Assert.Equal(3, actions.Count);
        Assert.Equal("Action.Submit", actions[0].GetProperty("type").GetString());
        Assert.Equal("imBack", actions[0].GetProperty("data").GetProperty("msteams").GetProperty("type").GetString());
        Assert.Equal(ScriptedTurnProcessor.ShippingQuestion, actions[0].GetProperty("data").GetProperty("msteams").GetProperty("value").GetString());
        Assert.Equal("Action.OpenUrl", actions[2].GetProperty("type").GetString());
        Assert.Equal("https://shop.example.com/delivery", actions[2].GetProperty("url").GetString());
        Assert.False(body.TryGetProperty("suggestedActions", out _));
    }

    [Fact]
    public async Task KeepsSuggestedActionsForWebChatAndUsesAHeroCardWhereNeitherIsKnown()
    {
        var webChat = BotFrameworkFixture.NewConversationId();
        var other = BotFrameworkFixture.NewConversationId();
        var webChatActivity = fixture.TeamsMessage("运费", webChat, channelId: "webchat");
        webChatActivity.Remove("entities");
        var otherActivity = fixture.TeamsMessage("运费", other, channelId: "telegram");
        otherActivity.Remove("entities");

        await fixture.PostAsync(webChatActivity, fixture.Token());
        await fixture.PostAsync(otherActivity, fixture.Token());

        var webChatReply = Assert.Single(fixture.RepliesTo(webChat)).Json;
        Assert.Equal(3, webChatReply.GetProperty("suggestedActions").GetProperty("actions").GetArrayLength());
        var otherReply = Assert.Single(fixture.RepliesTo(other)).Json;
        var hero = Assert.Single(otherReply.GetProperty("attachments").EnumerateArray());
        Assert.Equal("application/vnd.microsoft.card.hero", hero.GetProperty("contentType").GetString());
        Assert.Equal(ScriptedTurnProcessor.ShippingQuestion, hero.GetProperty("content").GetProperty("buttons")[0].GetProperty("value").GetString());
        Assert.Equal("您是不是想问：", otherReply.GetProperty("text").GetString());
    }

    [Fact]
    public async Task TakesTheTextOfACardButtonFromItsValue()
    {
        var conversation = BotFrameworkFixture.NewConversationId();
        var activity = fixture.TeamsMessage("", conversation);
        activity.Remove("text");
        activity.Remove("entities");
        activity["value"] = new JsonObject { ["text"] = ScriptedTurnProcessor.ShippingQuestion };

        await fixture.PostAsync(activity, fixture.Token());

        Assert.Equal(ScriptedTurnProcessor.ShippingAnswer, Assert.Single(fixture.RepliesTo(conversation)).Json.GetProperty("text").GetString());
    }

    [Fact]
    public async Task AcknowledgesTypingWithoutATurn()
    {
        var conversation = BotFrameworkFixture.NewConversationId();
        var typing = fixture.TeamsMessage("", conversation);
        typing["type"] = "typing";

        var response = await fixture.PostAsync(typing, fixture.Token());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(fixture.Server.Processor.Received, a => a.Conversation?.Id == conversation);
    }

    [Fact]
    public async Task RetriesAReplyTheConnectorThrottled()
    {
        var conversation = BotFrameworkFixture.NewConversationId();
        lock (fixture.ThrottleOnce)
        {
            fixture.ThrottleOnce.Add(conversation);
        }

        var response = await fixture.PostAsync(fixture.TeamsMessage("我要退货", conversation), fixture.Token());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, fixture.RepliesTo(conversation).Count());
    }

    [Fact]
    public async Task StoresTeamsThumbsDownWithItsCommentOnTheAnsweredTurn()
    {
        var conversation = BotFrameworkFixture.NewConversationId();
        await fixture.PostAsync(fixture.TeamsMessage("我要退货", conversation), fixture.Token());
        var reply = Assert.Single(fixture.RepliesTo(conversation));
        var turn = Assert.Single(await fixture.Server.Log.GetConversationAsync("shop", conversation, TestContext.Current.CancellationToken));

        // Teams sends the rating as an invoke that replies to the bot's message id, which the connector gave it.
        var invoke = fixture.TeamsMessage("", conversation);
        invoke["type"] = "invoke";
        invoke["name"] = "message/submitAction";
        invoke.Remove("text");
        invoke.Remove("entities");
        invoke["replyToId"] = ConnectorIdOf(reply);
        invoke["value"] = new JsonObject
        {
            ["actionName"] = "feedback",
            ["actionValue"] = new JsonObject { ["reaction"] = "dislike", ["feedback"] = """{"feedbackText":"没说清楚运费"}""" },
        };

        var response = await fixture.PostAsync(invoke, fixture.Token());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (botId, feedback) = Assert.Single(fixture.Server.Log.Feedback, f => f.Feedback.TurnId == turn.TurnId);
        Assert.Equal("shop", botId);
        Assert.Equal(FeedbackKind.ThumbsDown, feedback.Kind);
        Assert.Equal("没说清楚运费", feedback.Comment);
    }

    [Fact]
    public async Task RefusesUnknownInvokesWith501()
    {
        var invoke = fixture.TeamsMessage("");
        invoke["type"] = "invoke";
        invoke["name"] = "composeExtension/query";

        var response = await fixture.PostAsync(invoke, fixture.Token());

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
    }

    [Fact]
    public async Task AnswersNotFoundForABotTheServerDoesNotHost()
    {
        var response = await fixture.PostAsync(fixture.TeamsMessage("你好"), fixture.Token(), "api/messages/nosuchbot");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static string ConnectorIdOf(RecordedRequest reply) => JsonDocument.Parse(reply.ResponseBody).RootElement.GetProperty("id").GetString()!;
}
