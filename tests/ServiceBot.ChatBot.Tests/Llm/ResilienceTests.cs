using Microsoft.Extensions.AI;
using Polly.CircuitBreaker;
using ServiceBot.ChatBot.Llm;
using ServiceBot.ChatBot.Tests.Support;
using ServiceBot.TestLlm;

namespace ServiceBot.ChatBot.Tests.Llm;

/// <summary>
/// Retries, Retry-After, the retry budget, non-transient refusals, the circuit breaker and broken
/// streams, each against the test model server over real HTTP.
/// </summary>
public sealed class ResilienceTests
{
    private const string Reply = "您好，7天无理由退货。";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static LlmOptions Options(TestLlmServer server) => TestLlmClients.Options(server);

    private static ResilientChatClient Client(LlmOptions options) => TestLlmClients.Client(options);

    private static TestLlmRule Failing(int status, int? times = null, int? retryAfterSeconds = null) =>
        new() { Status = status, Times = times, RetryAfterSeconds = retryAfterSeconds };

    private static TestLlmRule Answering() => new() { Reply = Reply, ChunkSize = 2 };

    /// <summary>Asks once, streamed or not, and returns the reply and the attempt count the client reports.</summary>
    private static async Task<(string Text, int Attempts)> AskAsync(ResilientChatClient client, bool stream)
    {
        List<ChatMessage> messages = [new(ChatRole.User, "怎么退货")];
        if (!stream)
        {
            var response = await client.GetResponseAsync(messages, cancellationToken: Ct);
            return (response.Text, (int)response.AdditionalProperties![ResilientChatClient.AttemptsProperty]!);
        }

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync(messages, cancellationToken: Ct))
        {
            updates.Add(update);
        }

        return (string.Concat(updates.Select(u => u.Text)), (int)updates[0].AdditionalProperties![ResilientChatClient.AttemptsProperty]!);
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(500, false)]
    [InlineData(503, false)]
    public async Task ServerErrorAnsweredOnceIsRetriedAndTheCallSucceeds(int status, bool stream)
    {
        await using var server = await TestLlmServer.StartAsync(TestLlmScript.With(Failing(status, times: 1), Answering()), cancellationToken: Ct);
        using var client = Client(Options(server));

        var (text, attempts) = await AskAsync(client, stream);

        Assert.Equal(Reply, text);
        Assert.Equal(2, attempts);
        Assert.Equal(2, server.ChatRequests.Count);
    }

    [Fact]
    public async Task RateLimitIsRetriedAfterTheServersRetryAfter()
    {
        await using var server = await TestLlmServer.StartAsync(TestLlmScript.With(Failing(429, times: 1, retryAfterSeconds: 1), Answering()), cancellationToken: Ct);
        var options = Options(server);
        options.MaxRetryDelay = TimeSpan.FromSeconds(5);
        using var client = Client(options);

        var (text, attempts) = await AskAsync(client, stream: true);

        Assert.Equal(Reply, text);
        Assert.Equal(2, attempts);
        var requests = server.ChatRequests;
        Assert.Equal(2, requests.Count);

        // The computed backoff is 10 ms, so a gap of about a second can only come from Retry-After
        // (a little slack for the server clock's resolution).
        var gap = requests[1].ReceivedAt - requests[0].ReceivedAt;
        Assert.True(gap >= TimeSpan.FromMilliseconds(950), $"the retry waited for Retry-After (gap {gap.TotalMilliseconds:0} ms)");
    }

    [Fact]
    public async Task RetryAfterLongerThanMaxRetryDelayIsCappedSoTheCallStillSucceeds()
    {
        // Honoured in full, a 60 s Retry-After would outlast the 10 s whole-call budget and end in a
        // timeout; capped at MaxRetryDelay (50 ms) the retry happens within it.
        await using var server = await TestLlmServer.StartAsync(TestLlmScript.With(Failing(429, times: 1, retryAfterSeconds: 60), Answering()), cancellationToken: Ct);
        using var client = Client(Options(server));

        var (text, attempts) = await AskAsync(client, stream: true);

        Assert.Equal(Reply, text);
        Assert.Equal(2, attempts);
        var requests = server.ChatRequests;
        Assert.Equal(2, requests.Count);
        Assert.True(requests[1].ReceivedAt - requests[0].ReceivedAt < TimeSpan.FromSeconds(60), "the retry did not wait the server's full Retry-After");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PersistentServerErrorFailsAsUnavailableAfterEveryRetry(bool stream)
    {
        await using var server = await TestLlmServer.StartAsync(TestLlmScript.With(Failing(500)), cancellationToken: Ct);
        var options = Options(server);
        using var client = Client(options);

        var failure = await Assert.ThrowsAsync<LlmUnavailableException>(() => AskAsync(client, stream));

        Assert.Equal(LlmFailure.Unavailable, failure.Failure);
        Assert.Equal(options.MaxRetries + 1, failure.Attempts);
        Assert.Equal(options.MaxRetries + 1, server.ChatRequests.Count);
    }

    [Theory]
    [InlineData(400, true)]
    [InlineData(400, false)]
    [InlineData(401, true)]
    public async Task RefusedRequestIsNotRetried(int status, bool stream)
    {
        await using var server = await TestLlmServer.StartAsync(TestLlmScript.With(Failing(status), Answering()), cancellationToken: Ct);
        using var client = Client(Options(server));

        var failure = await Assert.ThrowsAsync<LlmUnavailableException>(() => AskAsync(client, stream));

        Assert.Equal(LlmFailure.Rejected, failure.Failure);
        Assert.Equal(1, failure.Attempts);
        Assert.Single(server.ChatRequests);
    }

    [Fact]
    public async Task RepeatedFailuresOpenTheCircuitWhichFailsFastThenClosesOnceTheServerRecovers()
    {
        // Two failing requests, then a healthy server; each call is a single attempt so every call is
        // one sample for the breaker.
        await using var server = await TestLlmServer.StartAsync(TestLlmScript.With(Failing(503, times: 2), Answering()), cancellationToken: Ct);
        var options = Options(server);
        options.MaxRetries = 0;
        options.BreakerFailureRatio = 0.5;
        options.BreakerMinimumThroughput = 2;
        options.BreakerSamplingDuration = TimeSpan.FromSeconds(10);
        options.BreakerDuration = TimeSpan.FromMilliseconds(500);
        using var client = Client(options);

        for (var i = 0; i < 2; i++)
        {
            var failed = await Assert.ThrowsAsync<LlmUnavailableException>(() => AskAsync(client, stream: true));
            Assert.Equal(LlmFailure.Unavailable, failed.Failure);
        }

        Assert.Equal(CircuitState.Open, client.Circuit);

        // While open the server would answer, but the call is not attempted.
        var open = await Assert.ThrowsAsync<LlmUnavailableException>(() => AskAsync(client, stream: true));
        Assert.Equal(LlmFailure.CircuitOpen, open.Failure);
        Assert.Equal(0, open.Attempts);
        Assert.Equal(2, server.ChatRequests.Count);

        await Task.Delay(options.BreakerDuration + TimeSpan.FromMilliseconds(200), Ct);

        // The trial call goes through, succeeds and closes the circuit; later calls flow normally.
        var (text, attempts) = await AskAsync(client, stream: true);
        Assert.Equal(Reply, text);
        Assert.Equal(1, attempts);
        Assert.Equal(CircuitState.Closed, client.Circuit);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(Reply, (await AskAsync(client, stream: i % 2 == 0)).Text);
        }

        Assert.Equal(6, server.ChatRequests.Count);
    }

    [Fact]
    public async Task FailedTrialCallReopensTheCircuit()
    {
        await using var server = await TestLlmServer.StartAsync(TestLlmScript.With(Failing(500)), cancellationToken: Ct);
        var options = Options(server);
        options.MaxRetries = 0;
        options.BreakerMinimumThroughput = 2;
        options.BreakerSamplingDuration = TimeSpan.FromSeconds(10);
        options.BreakerDuration = TimeSpan.FromMilliseconds(500);
        using var client = Client(options);
        for (var i = 0; i < 2; i++)
        {
            await Assert.ThrowsAsync<LlmUnavailableException>(() => AskAsync(client, stream: false));
        }

        await Task.Delay(options.BreakerDuration + TimeSpan.FromMilliseconds(200), Ct);
        var trial = await Assert.ThrowsAsync<LlmUnavailableException>(() => AskAsync(client, stream: false));

        Assert.Equal(LlmFailure.Unavailable, trial.Failure);
        Assert.Equal(CircuitState.Open, client.Circuit);
        var again = await Assert.ThrowsAsync<LlmUnavailableException>(() => AskAsync(client, stream: false));
        Assert.Equal(LlmFailure.CircuitOpen, again.Failure);
        Assert.Equal(3, server.ChatRequests.Count);
    }

    [Fact]
    public async Task StreamThatBreaksAfterItsFirstTokenIsInterruptedNotRetried()
    {
        // The pause before each chunk lets the client read the first text before the connection is
        // reset (a reset discards data the client has not read yet).
        await using var server = await TestLlmServer.StartAsync(TestLlmScript.With(new TestLlmRule { Reply = Reply, ChunkSize = 2, ChunkDelayMs = 300, DisconnectAfterChunks = 3 }), cancellationToken: Ct);
        using var client = Client(Options(server));

        var shown = new List<string>();
        var failure = await Assert.ThrowsAsync<LlmUnavailableException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "怎么退货")], cancellationToken: Ct))
            {
                shown.Add(update.Text);
            }
        });

        Assert.Equal(LlmFailure.Interrupted, failure.Failure);
        Assert.Equal(1, failure.Attempts);
        var text = string.Concat(shown);
        Assert.NotEmpty(text);
        Assert.StartsWith(text, Reply, StringComparison.Ordinal);
        Assert.True(text.Length < Reply.Length, "the reply stopped where the stream broke");
        Assert.Single(server.ChatRequests);
    }

    [Fact]
    public async Task StreamThatBreaksBeforeAnyTextIsRetried()
    {
        // The opening chunk carries only the assistant role: nothing has been shown, so a retry is safe.
        await using var server = await TestLlmServer.StartAsync(TestLlmScript.With(new TestLlmRule { Reply = Reply, DisconnectAfterChunks = 0, Times = 1 }, Answering()), cancellationToken: Ct);
        using var client = Client(Options(server));

        var (text, attempts) = await AskAsync(client, stream: true);

        Assert.Equal(Reply, text);
        Assert.Equal(2, attempts);
        Assert.Equal(2, server.ChatRequests.Count);
    }

    [Fact]
    public async Task FirstTokenDeadlineRunsPastTheRoleOnlyOpeningChunk()
    {
        // The first request sends its role chunk at once, then nothing for 3 s: longer than the
        // first-token deadline, shorter than the idle timeout.
        await using var server = await TestLlmServer.StartAsync(TestLlmScript.With(new TestLlmRule { Reply = Reply, ChunkDelayMs = 3000, Times = 1 }, Answering()), cancellationToken: Ct);
        var options = Options(server);
        options.FirstTokenTimeout = TimeSpan.FromSeconds(1);
        using var client = Client(options);

        var (text, attempts) = await AskAsync(client, stream: true);

        Assert.Equal(Reply, text);
        Assert.Equal(2, attempts);
        Assert.Equal(2, server.ChatRequests.Count);
    }
}
