using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Turns;
using ServiceBot.Channels.Hosting;

namespace ServiceBot.Channels.DirectLine;

/// <summary>
/// Streams a turn to Direct Line clients the way Web Chat shows live replies: a typing indicator,
/// then typing activities carrying the text so far (<c>channelData.streamType = "streaming"</c>,
/// numbered by <c>streamSequence</c>, tied by <c>streamId</c>), replaced by the final message.
/// </summary>
/// <remarks>
/// Partial text goes to live streams only; the final reply is what is stored and paged. Used by one
/// turn at a time; the generator may call it from any thread, one call at a time.
/// </remarks>
internal sealed class DirectLineReplyStream(DirectLineConversation conversation, Activity incoming, ChannelAccount bot, TimeProvider time) : IReplyStream
{
    private static readonly TimeSpan TypingInterval = TimeSpan.FromSeconds(2);
    private readonly Dictionary<string, Stream> _streams = new(StringComparer.Ordinal);
    private long _lastTyping = long.MinValue;

    public bool SupportsStreaming => true;

    public ValueTask SendTypingAsync(CancellationToken cancellationToken)
    {
        var now = time.GetTimestamp();
        if (_lastTyping == long.MinValue || time.GetElapsedTime(_lastTyping, now) >= TypingInterval)
        {
            _lastTyping = now;
            conversation.Publish(Address(new Activity { Type = ActivityTypes.Typing }), time.GetUtcNow());
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask AppendAsync(string streamId, string text, Activity template, CancellationToken cancellationToken)
    {
        if (!_streams.TryGetValue(streamId, out var stream))
        {
            stream = new Stream();
            _streams[streamId] = stream;
        }

        stream.Text.Append(text);
        stream.Sequence++;
        var partial = Address(new Activity
        {
            Type = ActivityTypes.Typing,
            Text = stream.Text.ToString(),
            TextFormat = template.TextFormat,
            Locale = template.Locale,
        });
        partial.ChannelData = stream.ClientId is null
            ? ChannelData.With(null, ("streamType", "streaming"), ("streamSequence", stream.Sequence))
            : ChannelData.With(null, ("streamId", stream.ClientId), ("streamType", "streaming"), ("streamSequence", stream.Sequence));
        var published = conversation.Publish(partial, time.GetUtcNow());

        // Web Chat names a live stream after the id of its first activity.
        stream.ClientId ??= published.Id;
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Marks the final replies of the streams this turn opened: the reply whose id is the stream id, or
    /// else the first message, closes its stream so the client replaces the partial text with it.
    /// </summary>
    public void Finish(IReadOnlyList<Activity> replies)
    {
        foreach (var (streamId, stream) in _streams)
        {
            var final = replies.FirstOrDefault(r => r.Id == streamId) ?? replies.FirstOrDefault(r => r.Type == ActivityTypes.Message && !IsFinal(r));
            if (final is not null && stream.ClientId is not null)
            {
                final.ChannelData = ChannelData.With(final.ChannelData, ("streamId", stream.ClientId), ("streamType", "final"));
            }
        }
    }

    private static bool IsFinal(Activity reply) => ChannelData.GetString(reply.ChannelData, "streamType") == "final";

    private Activity Address(Activity activity)
    {
        activity.From = bot;
        activity.Recipient = incoming.From;
        activity.Conversation = new ConversationAccount { Id = conversation.Id };
        activity.ChannelId = ChannelIds.DirectLine;
        activity.ReplyToId = incoming.Id;
        return activity;
    }

    private sealed class Stream
    {
        public System.Text.StringBuilder Text { get; } = new();

        public int Sequence { get; set; }

        public string? ClientId { get; set; }
    }
}
