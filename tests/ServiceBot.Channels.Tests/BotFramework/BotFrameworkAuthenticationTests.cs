using System.Net;
using System.Text.Json.Nodes;

namespace ServiceBot.Channels.Tests.BotFramework;

/// <summary>
/// /api/messages accepts only activities carrying a channel token that the channel's published keys
/// verify, for this bot, unexpired and issued for the activity's serviceUrl; anything else is 401
/// and never reaches the pipeline.
/// </summary>
public sealed class BotFrameworkAuthenticationTests(BotFrameworkFixture fixture) : IClassFixture<BotFrameworkFixture>
{
    public static TheoryData<string> Refusals => ["missing header", "not a JWT", "bad signature", "wrong audience", "wrong issuer", "expired", "not yet valid", "other serviceUrl", "key not endorsed for channel", "basic scheme"];

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task RefusesWith401AndProcessesNothingWhenTheTokenIsNotValidForTheActivity(string refusal)
    {
        var conversation = BotFrameworkFixture.NewConversationId();
        var activity = fixture.TeamsMessage("我要退货", conversation);
        var openId = fixture.OpenId;
        string? token = refusal switch
        {
            "missing header" => null,
            "not a JWT" => "abc.def",
            "bad signature" => openId.CreateToken(BotFrameworkFixture.AppId, fixture.ServiceUrl, signWithUnpublishedKey: true),
            "wrong audience" => openId.CreateToken("someone-elses-app", fixture.ServiceUrl),
            "wrong issuer" => openId.CreateToken(BotFrameworkFixture.AppId, fixture.ServiceUrl, issuer: "https://sts.windows.net/evil/"),
            "expired" => openId.CreateToken(BotFrameworkFixture.AppId, fixture.ServiceUrl, notBefore: DateTime.UtcNow.AddHours(-3), expires: DateTime.UtcNow.AddHours(-1)),
            "not yet valid" => openId.CreateToken(BotFrameworkFixture.AppId, fixture.ServiceUrl, notBefore: DateTime.UtcNow.AddHours(1), expires: DateTime.UtcNow.AddHours(2)),
            "other serviceUrl" => openId.CreateToken(BotFrameworkFixture.AppId, "https://smba.trafficmanager.net/emea/"),
            "key not endorsed for channel" => fixture.Token(),
            _ => fixture.Token(),
        };
        if (refusal == "key not endorsed for channel")
        {
            activity["channelId"] = "skype";
        }

        HttpResponseMessage response;
        if (refusal == "basic scheme")
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/messages") { Content = new StringContent(activity.ToJsonString(), System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", "YXBwOnB3");
            response = await fixture.Server.Client.SendAsync(request, TestContext.Current.CancellationToken);
        }
        else
        {
            response = await fixture.PostAsync(activity, token);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(fixture.Server.Processor.Received, a => a.Conversation?.Id == conversation);
        Assert.Empty(fixture.RepliesTo(conversation));
    }

    [Fact]
    public async Task AcceptsATokenSignedWithANewlyPublishedKeyByRefreshingTheKeys()
    {
        // Warm the key cache first, so the new key is unknown to it.
        var warm = await fixture.PostAsync(fixture.TeamsMessage("你好"), fixture.Token());
        Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        var fetchesBefore = fixture.OpenId.KeyRequests;

        var rotated = fixture.OpenId.AddKey("msteams");

        // Early reads are rate-limited from the last read; step past that limit instead of waiting.
        fixture.Server.Clock.Advance(TimeSpan.FromSeconds(2));
        var conversation = BotFrameworkFixture.NewConversationId();
        var response = await fixture.PostAsync(fixture.TeamsMessage("我要退货", conversation), fixture.OpenId.CreateToken(BotFrameworkFixture.AppId, fixture.ServiceUrl, keyId: rotated));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(fixture.OpenId.KeyRequests > fetchesBefore, "The keys should have been read again for the unknown key id.");
        Assert.Single(fixture.RepliesTo(conversation));
    }

    [Fact]
    public async Task ReusesCachedKeysForSuccessiveActivities()
    {
        Assert.Equal(HttpStatusCode.OK, (await fixture.PostAsync(fixture.TeamsMessage("你好"), fixture.Token())).StatusCode);
        var fetches = fixture.OpenId.KeyRequests;

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await fixture.PostAsync(fixture.TeamsMessage("你好"), fixture.Token())).StatusCode);
        }

        Assert.Equal(fetches, fixture.OpenId.KeyRequests);
    }

    [Fact]
    public async Task RefusesAnOversizedActivityWith413AfterAuthentication()
    {
        var activity = fixture.TeamsMessage(new string('长', 200_000));
        var response = await fixture.PostAsync(activity, fixture.Token());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.DoesNotContain(fixture.Server.Processor.Received, a => a.Conversation?.Id == activity["conversation"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task RefusesABodyThatIsNotAnActivityWith400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/messages") { Content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", fixture.Token());
        var response = await fixture.Server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal("BadArgument", error["error"]!["code"]!.GetValue<string>());
    }
}
