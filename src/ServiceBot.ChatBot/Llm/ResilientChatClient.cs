using System.ClientModel;
using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace ServiceBot.ChatBot.Llm;

/// <summary>
/// Makes model calls safe to put in front of customers: a concurrency limit, a whole-call deadline, a
/// first-token deadline per attempt, retries with exponential backoff and jitter (honouring
/// <c>Retry-After</c>) for transient failures, and a circuit breaker shared by every turn.
/// </summary>
/// <remarks>
/// <para>
/// A streamed call is retried only until its first token arrives (a role-only opening chunk does not
/// count): text already shown to a customer cannot be taken back, so a stream that breaks or stalls
/// (longer than the idle timeout) afterwards ends with <see cref="LlmFailure.Interrupted"/>. Every failure surfaces as
/// <see cref="LlmUnavailableException"/> naming its <see cref="LlmFailure"/>; cancellation by the
/// caller surfaces as <see cref="OperationCanceledException"/>.
/// </para>
/// <para>The first update of a stream carries the attempt count in
/// <c>AdditionalProperties["servicebot.attempts"]</c>. Thread-safe; one instance per endpoint.</para>
/// </remarks>
internal sealed partial class ResilientChatClient : DelegatingChatClient
{
    internal const string AttemptsProperty = "servicebot.attempts";

    private readonly LlmOptions _options;
    private readonly SemaphoreSlim _gate;
    private readonly ResiliencePipeline _pipeline;
    private readonly CircuitBreakerStateProvider _circuit = new();
    private readonly ILogger _logger;

    public ResilientChatClient(IChatClient inner, LlmOptions options, ILogger<ResilientChatClient> logger)
        : base(inner)
    {
        _options = options;
        _logger = logger;
        _gate = new SemaphoreSlim(options.MaxConcurrency, options.MaxConcurrency);
        var builder = new ResiliencePipelineBuilder();
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome.Exception)),
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                MaxDelay = options.MaxRetryDelay,
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Exception)),
                OnRetry = args =>
                {
                    LogRetry(_logger, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds, Describe(args.Outcome.Exception));
                    return ValueTask.CompletedTask;
                },
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome.Exception)),
            FailureRatio = options.BreakerFailureRatio,
            MinimumThroughput = options.BreakerMinimumThroughput,
            SamplingDuration = options.BreakerSamplingDuration,
            BreakDuration = options.BreakerDuration,
            StateProvider = _circuit,
            OnOpened = args =>
            {
                LogCircuitOpened(_logger, args.BreakDuration.TotalSeconds, Describe(args.Outcome.Exception));
                return ValueTask.CompletedTask;
            },
            OnClosed = _ =>
            {
                LogCircuitClosed(_logger);
                return ValueTask.CompletedTask;
            },
        });
        _pipeline = builder.Build();
    }

    /// <summary>The breaker's state, for health checks and the trace.</summary>
    public CircuitState Circuit => _circuit.CircuitState;

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? [.. messages];
        await AcquireAsync(cancellationToken).ConfigureAwait(false);
        using var deadline = new CancellationTokenSource(_options.Timeout);
        using var call = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var attempts = 0;
        try
        {
            var response = await _pipeline.ExecuteAsync(
                async token =>
                {
                    attempts++;
                    using var attempt = CancellationTokenSource.CreateLinkedTokenSource(token);
                    attempt.CancelAfter(_options.FirstTokenTimeout);
                    try
                    {
                        return await InnerClient.GetResponseAsync(list, options, attempt.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException e) when (attempt.IsCancellationRequested && !token.IsCancellationRequested)
                    {
                        throw new TimeoutException($"No response within {_options.FirstTokenTimeout.TotalSeconds:0.###} s.", e);
                    }
                },
                call.Token).ConfigureAwait(false);
            response.AdditionalProperties ??= [];
            response.AdditionalProperties[AttemptsProperty] = attempts;
            return response;
        }
        catch (Exception e) when (IsFailure(e, cancellationToken))
        {
            throw Translate(e, attempts);
        }
        finally
        {
            _gate.Release();
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? [.. messages];
        await AcquireAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var deadline = new CancellationTokenSource(_options.Timeout);
            using var call = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            var (stream, attempts) = await OpenAsync(list, options, call.Token, cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var first = stream.Opening.Count > 0 ? stream.Opening[0] : stream.Current;
                first.AdditionalProperties ??= [];
                first.AdditionalProperties[AttemptsProperty] = attempts;
                foreach (var opening in stream.Opening)
                {
                    yield return opening;
                }

                yield return stream.Current;
                while (await NextAsync(stream, attempts, cancellationToken).ConfigureAwait(false))
                {
                    yield return stream.Current;
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Sends the request, with retries, until the first output arrives.</summary>
    private async Task<(StreamAttempt Stream, int Attempts)> OpenAsync(IList<ChatMessage> messages, ChatOptions? options, CancellationToken callToken, CancellationToken callerToken)
    {
        var attempts = 0;
        try
        {
            var stream = await _pipeline.ExecuteAsync(
                async token =>
                {
                    attempts++;

                    // The attempt's token must outlive this callback (the stream keeps reading with it),
                    // so it links to the call, not to the pipeline's per-execution token.
                    var attempt = new StreamAttempt(InnerClient, messages, options, _options, callToken);
                    using var abandon = token.Register(static s => ((StreamAttempt)s!).Cancel(), attempt);
                    try
                    {
                        await attempt.ReadFirstAsync().ConfigureAwait(false);
                        return attempt;
                    }
                    catch
                    {
                        await attempt.DisposeAsync().ConfigureAwait(false);
                        throw;
                    }
                },
                callToken).ConfigureAwait(false);
            return (stream, attempts);
        }
        catch (Exception e) when (IsFailure(e, callerToken))
        {
            throw Translate(e, attempts);
        }
    }

    private static async ValueTask<bool> NextAsync(StreamAttempt stream, int attempts, CancellationToken callerToken)
    {
        try
        {
            return await stream.MoveNextAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (!callerToken.IsCancellationRequested && e is not LlmUnavailableException)
        {
            var what = stream.TimedOut ? "stalled" : "broke";
            throw new LlmUnavailableException(LlmFailure.Interrupted, $"The model's stream {what} after it started: {Describe(e)}", attempts, e);
        }
    }

    private async Task AcquireAsync(CancellationToken cancellationToken)
    {
        if (!await _gate.WaitAsync(_options.QueueTimeout, cancellationToken).ConfigureAwait(false))
        {
            throw new LlmUnavailableException(LlmFailure.Busy, $"{_options.MaxConcurrency} model calls are already in flight.", 0);
        }
    }

    // The caller's own cancellation and already-translated failures pass through unchanged.
    private static bool IsFailure(Exception e, CancellationToken callerToken) =>
        !callerToken.IsCancellationRequested && e is not LlmUnavailableException;

    private LlmUnavailableException Translate(Exception e, int attempts) =>
        e switch
        {
            BrokenCircuitException => new LlmUnavailableException(LlmFailure.CircuitOpen, $"The model circuit is open after repeated failures; retrying after {_options.BreakerDuration.TotalSeconds:0} s.", attempts, e),
            TimeoutException or OperationCanceledException => new LlmUnavailableException(LlmFailure.Timeout, $"The model did not answer in time ({Describe(e)}).", attempts, e),
            ClientResultException { Status: > 0 } c when !IsTransientStatus(c.Status) => new LlmUnavailableException(LlmFailure.Rejected, $"The model server refused the request: {Describe(e)}", attempts, e),
            _ => new LlmUnavailableException(LlmFailure.Unavailable, $"The model server failed: {Describe(e)}", attempts, e),
        };

    internal static bool IsTransient(Exception? e) => e switch
    {
        null => false,
        ClientResultException c => c.Status == 0 || IsTransientStatus(c.Status),
        HttpRequestException or IOException or TimeoutException => true,
        _ => false,
    };

    private static bool IsTransientStatus(int status) =>
        status is (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests or >= 500;

    // A server's Retry-After (seconds or an HTTP date) replaces the computed delay, capped.
    private TimeSpan? RetryAfter(Exception? e)
    {
        if (e is not ClientResultException c || c.GetRawResponse() is not { } response
            || !response.Headers.TryGetValue("Retry-After", out var value) || string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        TimeSpan? delay = null;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            delay = TimeSpan.FromSeconds(seconds);
        }
        else if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            delay = at - DateTimeOffset.UtcNow;
        }

        return delay is null ? null : TimeSpan.FromTicks(Math.Clamp(delay.Value.Ticks, 0, _options.MaxRetryDelay.Ticks));
    }

    internal static string Describe(Exception? e) => e switch
    {
        null => "no exception",
        ClientResultException { Status: > 0 } c => $"HTTP {c.Status}",
        _ => e.GetType().Name + ": " + e.Message,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model call attempt {Attempt} follows in {DelayMs:0} ms after {Failure}.")]
    private static partial void LogRetry(ILogger logger, int attempt, double delayMs, string failure);

    [LoggerMessage(Level = LogLevel.Error, Message = "Model circuit opened for {Seconds:0.#} s after {Failure}; generated replies fall back meanwhile.")]
    private static partial void LogCircuitOpened(ILogger logger, double seconds, string failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model circuit closed; generation resumes.")]
    private static partial void LogCircuitClosed(ILogger logger);
}
