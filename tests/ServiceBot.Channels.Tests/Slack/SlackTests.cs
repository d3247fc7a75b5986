using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using ServiceBot.Abstractions.Logging;
using ServiceBot.Channels.Slack;
using ServiceBot.Channels.Tests.Infrastructure;

namespace ServiceBot.Channels.Tests.Slack;

/// <summary>
/// Slack's Events API and interactivity over real HTTP: only requests signed with the app's signing
/// secret within the replay window are taken, each event is answered once however often Slack retries
/// it, and replies and button clicks round-trip through a local server speaking Slack's Web API.
/// </summary>
public sealed class SlackTests(SlackFixture fixture) : IClassFixture<SlackFixture>
{
    // Slack's documented example ("Verifying requests from Slack", api.slack.com/authentication/verifying-requests-from-slack).
    private const string DocumentedSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string DocumentedTimestamp = "1531420618";
    private const string DocumentedBody = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    private const string DocumentedSignature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    public static TheoryData<string> Refusals => ["tampered body", "old timestamp", "future timestamp", "other secret", "missing signature"];

    [Fact]
    public void SlacksDocumentedSignatureExampleVerifiesAndIsRefusedOnceOutsideTheReplayWindow()
    {
        var clock = new TestClock();
        clock.Advance(DateTimeOffset.FromUnixTimeSeconds(1531420618 + 30) - DateTimeOffset.UtcNow);
        var verifier = new SlackSignatureVerifier(Options.Create(new SlackOptions { SigningSecret = DocumentedSecret }), clock);
        var body = System.Text.Encoding.UTF8.GetBytes(DocumentedBody);

        Assert.Null(verifier.Check(DocumentedTimestamp, DocumentedSignature, body));
        Assert.NotNull(verifier.Check(DocumentedTimestamp, DocumentedSignature.Replace("a2114d", "a2114e", StringComparison.Ordinal), body));
        Assert.NotNull(verifier.Check(DocumentedTimestamp, DocumentedSignature, System.Text.Encoding.UTF8.GetBytes(DocumentedBody.Replace("foobar", "foobaz", StringComparison.Ordinal))));

        clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Contains("replay", verifier.Check(DocumentedTimestamp, DocumentedSignature, body), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task RefusesAnEventThatIsNotFreshlySignedWith401AndAnswersNothing(string refusal)
    {
        var callback = fixture.DirectMessage("我要退货", out var channel);
        var body = callback.ToJsonString();
        using var response = refusal switch
        {
            "tampered body" => await fixture.PostSignedAsync("api/slack/events", body, "application/json", tamperedBody: body.Replace("U0CUSTOMER", "U0ATTACKER", StringComparison.Ordinal)),
            "old timestamp" => await fixture.PostSignedAsync("api/slack/events", body, "application/json", signedAt: DateTimeOffset.UtcNow.AddMinutes(-6)),
            "future timestamp" => await fixture.PostSignedAsync("api/slack/events", body, "application/json", signedAt: DateTimeOffset.UtcNow.AddMinutes(6)),
            "other secret" => await fixture.PostSignedAsync("api/slack/events", body, "application/json", secret: "not-the-signing-secret"),
            _ => await fixture.Server.Client.PostAsync("api/slack/events", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken),
        };

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);

        // The same event, properly signed, is still answered: the refusal consumed nothing.
        using var accepted = await fixture.PostEventAsync(callback);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        await fixture.PostsToAsync(channel);
        Assert.Single(fixture.Server.Processor.Received, a => a.Conversation?.Id == $"{SlackFixture.Team}:{channel}");
    }

    [Fact]
    public async Task AnswersUrlVerificationWithTheChallenge()
    {
        using var response = await fixture.PostSignedAsync("api/slack/events", "{\"token\":\"t\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\",\"type\":\"url_verification\"}", "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", json["challenge"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnswersADirectMessageWithChatPostMessageCarryingTheBotTokenAndSlackMarkup()
    {
        using var response = await fixture.PostEventAsync(fixture.DirectMessage("我要退货", out var channel));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var post = Assert.Single(await fixture.PostsToAsync(channel));
        var request = fixture.SlackApi.Requests.First(r => r.Path.EndsWith("/chat.postMessage", StringComparison.Ordinal) && r.Body.Contains(channel, StringComparison.Ordinal));
        Assert.Equal("Bearer " + SlackFixture.BotToken, request.Authorization);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        var section = post["blocks"]!.AsArray().First(b => b!["type"]!.GetValue<string>() == "section")!;
        // Markdown becomes Slack mrkdwn: bold with single asterisks, links as <url|label>.
        Assert.Contains("*7天无理由退货*", section["text"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("<https://shop.example.com/returns|退换货政策>", section["text"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("**", post["text"]!.GetValue<string>(), StringComparison.Ordinal);

        var turn = Assert.Single(fixture.Server.Processor.Received, a => a.Conversation?.Id == $"{SlackFixture.Team}:{channel}");
        Assert.Equal("slack", turn.ChannelId);
        Assert.Equal("我要退货", turn.Text);
    }

    [Fact]
    public async Task RetriesAndDuplicateDeliveriesOfAnEventAreAcknowledgedButAnsweredOnce()
    {
        var callback = fixture.DirectMessage("我要退货", out var channel);

        using var first = await fixture.PostEventAsync(callback);
        using var retry1 = await fixture.PostEventAsync(callback, retry: 1);
        using var retry2 = await fixture.PostEventAsync(callback, retry: 2);
        // Slack may also deliver one message twice under different event ids (e.g. message.im and app_mention).
        var again = callback.DeepClone().AsObject();
        again["event_id"] = "EvOTHER" + Guid.NewGuid().ToString("N")[..6];
        using var duplicate = await fixture.PostEventAsync(again);

        // A later message of the same conversation is answered after anything queued before it, so once
        // its reply is out, a second answer to the first message would have been posted too.
        var ts = "1700000999." + Random.Shared.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var next = await fixture.PostEventAsync(SlackFixture.DirectMessageIn(channel, "运费怎么算", ts));
        var posts = await fixture.PostsToAsync(channel, 2);

        Assert.All([first, retry1, retry2, duplicate, next], r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(fixture.Server.Processor.Received, a => a.Conversation?.Id == $"{SlackFixture.Team}:{channel}" && a.Text == "我要退货");
        Assert.Equal(2, posts.Count);
        Assert.Contains(ScriptedTurnProcessor.ShippingAnswer, posts[1]["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASuggestionButtonClickIsAnsweredAndAThumbsUpClickIsStoredForTheTurn()
    {
        using var asked = await fixture.PostEventAsync(fixture.DirectMessage("快递费多少", out var channel));
        var suggestions = Assert.Single(await fixture.PostsToAsync(channel));
        var buttons = Buttons(suggestions);
        var shipping = Assert.Single(buttons, b => b["value"]?.GetValue<string>() == ScriptedTurnProcessor.ShippingQuestion);
        Assert.StartsWith(SlackRenderer.SuggestionAction + ".", shipping["action_id"]!.GetValue<string>(), StringComparison.Ordinal);
        // A link button opens the page in Slack itself.
        Assert.Contains(buttons, b => b["url"]?.GetValue<string>() == "https://shop.example.com/delivery");

        using var clicked = await fixture.ClickAsync(channel, shipping);
        Assert.Equal(HttpStatusCode.OK, clicked.StatusCode);
        var answer = (await fixture.PostsToAsync(channel, 2))[1];
        Assert.Contains(ScriptedTurnProcessor.ShippingAnswer, answer["text"]!.GetValue<string>(), StringComparison.Ordinal);

        var thumbsUp = Assert.Single(Buttons(answer), b => b["action_id"]!.GetValue<string>() == SlackRenderer.FeedbackUpAction);
        var turnId = thumbsUp["value"]!.GetValue<string>();
        using var rated = await fixture.ClickAsync(channel, thumbsUp);
        Assert.Equal(HttpStatusCode.OK, rated.StatusCode);

        var feedback = await WaitForFeedbackAsync(turnId);
        Assert.Equal(FeedbackKind.ThumbsUp, feedback.Kind);
    }

    [Fact]
    public async Task RefusesAnInteractionWithABadSignatureAndRecordsNothing()
    {
        var body = "payload=" + Uri.EscapeDataString("{\"type\":\"block_actions\",\"actions\":[{\"action_id\":\"servicebot.feedback.down\",\"value\":\"t1\"}]}");
        using var response = await fixture.PostSignedAsync("api/slack/interactions", body, "application/x-www-form-urlencoded", secret: "wrong-secret");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(fixture.Server.Log.Feedback, f => f.Feedback.TurnId == "t1");
    }

    private static List<JsonObject> Buttons(JsonObject message) =>
        [.. message["blocks"]!.AsArray()
            .Where(b => b!["type"]!.GetValue<string>() == "actions")
            .SelectMany(b => b!["elements"]!.AsArray())
            .Select(e => e!.AsObject())];

    private async Task<TurnFeedback> WaitForFeedbackAsync(string turnId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var found = fixture.Server.Log.Feedback.FirstOrDefault(f => f.Feedback.TurnId == turnId);
            if (found.Feedback is not null)
            {
                return found.Feedback;
            }

            Assert.True(DateTime.UtcNow < deadline, "The rating did not reach the conversation log.");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
