using Microsoft.Extensions.AI;

namespace ServiceBot.ChatBot.Llm;

/// <summary>
/// One attempt at a streamed call: its own cancellation (the first-token deadline, then the idle
/// deadline between chunks) and the enumerator of the inner client's stream.
/// </summary>
internal sealed class StreamAttempt : IAsyncDisposable
{
    private readonly CancellationTokenSource _cancel;
    private readonly IAsyncEnumerator<ChatResponseUpdate> _enumerator;
    private readonly CancellationToken _callToken;
    private readonly LlmOptions _options;
    private readonly List<ChatResponseUpdate> _opening = [];
    private bool _deadlinePassed;

    public StreamAttempt(IChatClient client, IList<ChatMessage> messages, ChatOptions? options, LlmOptions llm, CancellationToken callToken)
    {
        _callToken = callToken;
        _options = llm;
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(callToken);
        _enumerator = client.GetStreamingResponseAsync(messages, options, _cancel.Token).GetAsyncEnumerator(_cancel.Token);
    }

    public ChatResponseUpdate Current => _enumerator.Current;

    /// <summary>True when the attempt ended because a deadline of its own passed.</summary>
    public bool TimedOut => _deadlinePassed;

    /// <summary>
    /// Updates that arrived before the first output (such as the opening chunk that carries only the
    /// assistant role), oldest first; the first output itself is <see cref="Current"/>.
    /// </summary>
    public IReadOnlyList<ChatResponseUpdate> Opening => _opening;

    /// <summary>
    /// Waits for the first output: text, other content such as usage, or a finish reason. A stream that
    /// ends or breaks before it counts as a failed attempt.
    /// </summary>
    /// <remarks>
    /// Servers send the assistant role in a chunk of its own, often before the model has produced
    /// anything. That chunk shows the customer nothing, so it neither starts the stream (a break after
    /// it can still be retried) nor stops the first-token deadline.
    /// </remarks>
    public async Task ReadFirstAsync()
    {
        _cancel.CancelAfter(_options.FirstTokenTimeout);
        while (await ReadAsync(_options.FirstTokenTimeout).ConfigureAwait(false))
        {
            if (IsOutput(Current))
            {
                _cancel.CancelAfter(Timeout.InfiniteTimeSpan);
                return;
            }

            _opening.Add(Current);
        }

        throw new IOException("The model's stream ended before any output.");
    }

    public async ValueTask<bool> MoveNextAsync()
    {
        _cancel.CancelAfter(_options.IdleTimeout);
        var moved = await ReadAsync(_options.IdleTimeout).ConfigureAwait(false);
        _cancel.CancelAfter(Timeout.InfiniteTimeSpan);
        return moved;
    }

    public void Cancel() => _cancel.Cancel();

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _enumerator.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
        {
            // Disposing a broken or cancelled stream may throw; the attempt is over either way.
        }

        _cancel.Dispose();
    }

    private static bool IsOutput(ChatResponseUpdate update) =>
        update.FinishReason is not null || update.Contents.Any(c => c is not TextContent text || text.Text.Length > 0);

    /// <summary>Reads the next update under the deadline the caller has armed.</summary>
    private async ValueTask<bool> ReadAsync(TimeSpan deadline)
    {
        try
        {
            return await _enumerator.MoveNextAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!_callToken.IsCancellationRequested && _cancel.IsCancellationRequested)
        {
            _deadlinePassed = true;
            throw new TimeoutException($"No model output within {deadline.TotalSeconds:0.###} s.", e);
        }
    }
}
