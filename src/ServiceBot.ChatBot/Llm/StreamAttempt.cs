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

    /// <summary>Waits for the first update; a stream that ends without one counts as a failed attempt.</summary>
    public async Task ReadFirstAsync()
    {
        if (!await MoveNextAsync(_options.FirstTokenTimeout).ConfigureAwait(false))
        {
            throw new IOException("The model's stream ended before any update.");
        }
    }

    public ValueTask<bool> MoveNextAsync() => MoveNextAsync(_options.IdleTimeout);

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

    private async ValueTask<bool> MoveNextAsync(TimeSpan deadline)
    {
        _cancel.CancelAfter(deadline);
        try
        {
            var moved = await _enumerator.MoveNextAsync().ConfigureAwait(false);
            _cancel.CancelAfter(Timeout.InfiniteTimeSpan);
            return moved;
        }
        catch (OperationCanceledException e) when (!_callToken.IsCancellationRequested && _cancel.IsCancellationRequested)
        {
            _deadlinePassed = true;
            throw new TimeoutException($"No model output within {deadline.TotalSeconds:0.###} s.", e);
        }
    }
}
