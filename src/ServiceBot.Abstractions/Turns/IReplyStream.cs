using ServiceBot.Abstractions.Activities;

namespace ServiceBot.Abstractions.Turns;

/// <summary>
/// A channel's way to show the customer something before the turn ends: a typing indicator, or a
/// reply streamed as it is generated.
/// </summary>
/// <remarks>
/// Only text that has passed the post-generation filter is streamed (the generator releases text
/// sentence by sentence after checking it). The final reply still comes back in
/// <see cref="TurnResult.Replies"/>, with the id of its stream, so channels that stream replace the
/// streamed text with it and channels that do not simply send it.
/// </remarks>
public interface IReplyStream
{
    /// <summary>True when the channel can show partial text; otherwise only typing is shown.</summary>
    bool SupportsStreaming { get; }

    ValueTask SendTypingAsync(CancellationToken cancellationToken);

    /// <summary>Appends checked text to the reply being streamed with id <paramref name="streamId"/>.</summary>
    ValueTask AppendAsync(string streamId, string text, Activity template, CancellationToken cancellationToken);
}
