using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ServiceBot.Abstractions.Logging;
using ServiceBot.Abstractions.Turns;
using ServiceBot.Server.Endpoints;
using ServiceBot.Testing;

namespace ServiceBot.Server.Tests;

/// <summary>
/// The foundation end to end: the real server over the sample bot, spoken to over HTTP the way a
/// program would, including everything a careless or hostile caller can send.
/// </summary>
[Collection(SampleServerCollection.Name)]
public sealed class TurnApiTests(SampleServerFixture fixture)
{
    private ServiceBotTestServer Server => fixture.Server;

    [Fact]
    public async Task Health_AnswersOk_WhileTheProcessRuns()
    {
        using var response = await Server.Client.GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readiness_ListsTheSampleBotAsReady_WithItsComponentTimes()
    {
        using var response = await Server.Client.GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ready", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("ready", body.RootElement.GetProperty("bots").GetProperty("shop").GetProperty("state").GetString());
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheTurnEndpoint()
    {
        var document = await Server.Client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), TestContext.Current.CancellationToken);

        using var json = JsonDocument.Parse(document);
        Assert.True(json.RootElement.GetProperty("paths").TryGetProperty("/api/turns", out _));
    }

    [Fact]
    public async Task ChineseReturnQuestion_IsAnsweredFromTheKnowledgeBase_WithTheScoreInTheTrace()
    {
        await Server.Conversation(locale: "zh-CN")
            .Send("怎么退货")
            .AssertAnsweredBy("kbbot")
            .AssertOutcome(TurnOutcome.Answered)
            .AssertReply(contains: "申请售后")
            .AssertTrace(trace =>
            {
                var top = trace.Steps.SelectMany(s => s.Candidates ?? []).MaxBy(c => c.Score);
                Assert.NotNull(top);
                Assert.Equal("returns-how", top.Id);
                Assert.True(top.Score > 0, $"The top candidate has score {top.Score}.");
            });
    }

    [Fact]
    public async Task EnglishReturnQuestion_IsAnsweredFromTheKnowledgeBase()
    {
        await Server.Conversation(locale: "en-US")
            .Send("how do I return an item")
            .AssertAnsweredBy("kbbot")
            .AssertReply(contains: "After-sales")
            .AssertTrace(trace => Assert.Contains(trace.Steps.SelectMany(s => s.Candidates ?? []), c => c.Id == "returns-how-en" && c.Score > 0));
    }

    [Fact]
    public async Task Trace_IsLeftOut_UnlessAskedFor()
    {
        var request = new TurnApiRequest { ConversationId = "no-trace-" + Guid.NewGuid().ToString("N"), UserId = "u1", Text = "怎么退货" };
        using var response = await Server.Client.PostAsJsonAsync("/api/turns", request, TestContext.Current.CancellationToken);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(!body.RootElement.TryGetProperty("trace", out var trace) || trace.ValueKind == JsonValueKind.Null);

        using var asked = await Server.Client.PostAsJsonAsync("/api/turns?trace=true", request, TestContext.Current.CancellationToken);
        using var askedBody = JsonDocument.Parse(await asked.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(JsonValueKind.Object, askedBody.RootElement.GetProperty("trace").ValueKind);
    }

    [Fact]
    public async Task Turn_IsWrittenToTheConversationLog_WithItsTrace()
    {
        var chat = Server.Conversation(locale: "zh-CN");
        await chat.Send("怎么退货").AssertAnsweredBy("kbbot");
        await Server.FlushLogAsync();

        var log = (IConversationLog)Server.Services.GetService(typeof(IConversationLog))!;
        var records = await log.QueryAsync(new TurnLogQuery { BotId = "shop", ConversationId = chat.ConversationId }, TestContext.Current.CancellationToken);

        var record = Assert.Single(records);
        Assert.Equal("kbbot", record.AnsweredBy);
        Assert.NotNull(record.Trace);
    }

    [Theory]
    [InlineData("""{"conversationId":"c1","userId":"u1","text":""}""", "text is empty")]
    [InlineData("""{"conversationId":"c1","userId":"u1","text":"   "}""", "text is empty")]
    [InlineData("""{"conversationId":"c1","userId":"u1"}""", "text is required")]
    [InlineData("""{"userId":"u1","text":"hi"}""", "conversationId is required")]
    [InlineData("""{"conversationId":"c1","text":"hi"}""", "userId is required")]
    [InlineData("""{"conversationId":"c1","userId":"u1","text":"hi" """, "Invalid JSON")]
    [InlineData("""not json at all""", "Invalid JSON")]
    [InlineData("""null""", "body is empty")]
    public async Task BadRequest_IsRefusedWith400_AndAClearReason(string body, string reason)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await Server.Client.PostAsync(new Uri("/api/turns", UriKind.Relative), content, TestContext.Current.CancellationToken);
        var problem = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
        await AssertStillAnswersAsync();
    }

    [Fact]
    public async Task OneMegabyteText_IsRefusedWith413_AndTheServerKeepsAnswering()
    {
        var request = new TurnApiRequest { ConversationId = "big", UserId = "u1", Text = new string('退', 1024 * 1024) };
        using var response = await Server.Client.PostAsJsonAsync("/api/turns", request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertStillAnswersAsync();
    }

    [Fact]
    public async Task OversizedChunkedBody_IsRefusedWith413()
    {
        var text = "{\"conversationId\":\"c\",\"userId\":\"u\",\"text\":\"" + new string('a', 200 * 1024) + "\"}";
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(text)));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/turns", UriKind.Relative)) { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var response = await Server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task UnknownBot_IsRefusedWith404_NamingTheBot()
    {
        var request = new TurnApiRequest { ConversationId = "c404", UserId = "u1", Text = "hi", BotId = "no-such-bot" };
        using var response = await Server.Client.PostAsJsonAsync("/api/turns", request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("no-such-bot", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonJsonBody_IsRefusedWith415()
    {
        using var content = new StringContent("怎么退货", Encoding.UTF8, "text/plain");
        using var response = await Server.Client.PostAsync(new Uri("/api/turns", UriKind.Relative), content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Theory]
    [InlineData("\u0000\u0001\u0002")]
    [InlineData("\ud800")]
    [InlineData("🙂🙂🙂")]
    [InlineData("？？？！！！")]
    public async Task StrangeText_GetsAPoliteReply_NotAnError(string text)
    {
        var turn = await Server.Conversation().Send(text);

        Assert.NotEqual(TurnOutcome.Failed, turn.Outcome);
        Assert.NotEmpty(turn.Replies);
    }

    private async Task AssertStillAnswersAsync() =>
        await Server.Conversation(locale: "zh-CN").Send("怎么退货").AssertAnsweredBy("kbbot");
}
