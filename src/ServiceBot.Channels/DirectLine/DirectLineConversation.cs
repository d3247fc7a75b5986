using System.Globalization;
using System.Threading.Channels;
using ServiceBot.Abstractions.Activities;

namespace ServiceBot.Channels.DirectLine;

/// <summary>
/// One Direct Line conversation: the activities both sides sent, numbered by watermark, and the
/// WebSocket streams listening to it.
/// </summary>
/// <remarks>
/// Thread-safe. Appends, snapshots and subscriptions take one lock, so a stream that subscribes and
/// reads the backlog in one step never misses or reorders an activity. Typing indicators and
/// partial replies are ephemeral: sent to live streams only, never stored or paged.
/// </remarks>
internal sealed class DirectLineConversation
{
    private readonly Lock _lock = new();
    private readonly List<Activity> _history = [];
    private readonly List<Channel<DirectLineActivitySet>> _subscribers = [];
    private readonly HashSet<string> _turnIds = new(StringComparer.Ordinal);
    private readonly int _historyLimit;
    private long _firstSequence = 1;
    private long _lastSequence;
    private bool _started;

    public DirectLineConversation(string id, string? botId, DateTimeOffset now, int historyLimit)
    {
        Id = id;
        BotId = botId;
        LastActivityAt = now;
        _historyLimit = historyLimit;
    }

    public string Id { get; }

    /// <summary>The bot the conversation talks to; null for the server's default bot.</summary>
    public string? BotId { get; }

    public DateTimeOffset LastActivityAt { get; private set; }

    /// <summary>Runs one turn of this conversation at a time, so replies keep the order of the messages.</summary>
    public SemaphoreSlim TurnGate { get; } = new(1, 1);

    /// <summary>Marks the conversation started; true only for the first caller (who sends the welcome).</summary>
    public bool TryStart()
    {
        lock (_lock)
        {
            if (_started)
            {
                return false;
            }

            _started = true;
            return true;
        }
    }

    /// <summary>Stores an activity, gives it its id (<c>conversationId|0000001</c>) and sends it to every stream.</summary>
    public Activity Append(Activity activity, DateTimeOffset now)
    {
        lock (_lock)
        {
            var sequence = ++_lastSequence;
            activity.Id = Id + "|" + sequence.ToString("D7", CultureInfo.InvariantCulture);
            activity.Timestamp ??= now;
            _history.Add(activity);
            if (_history.Count > _historyLimit)
            {
                _history.RemoveAt(0);
                _firstSequence++;
            }

            LastActivityAt = now;
            Broadcast(new DirectLineActivitySet { Activities = [activity], Watermark = Watermark(sequence) });
            return activity;
        }
    }

    /// <summary>Sends an activity to live streams only (typing, partial text); it gets an id but no watermark.</summary>
    public Activity Publish(Activity activity, DateTimeOffset now)
    {
        lock (_lock)
        {
            activity.Id ??= Id + "|e" + Guid.NewGuid().ToString("N")[..12];
            activity.Timestamp ??= now;
            Broadcast(new DirectLineActivitySet { Activities = [activity], Watermark = _lastSequence == 0 ? null : Watermark(_lastSequence) });
            return activity;
        }
    }

    /// <summary>Activities after <paramref name="watermark"/>, at most <paramref name="max"/>, and the watermark of the last one returned.</summary>
    public DirectLineActivitySet Read(long watermark, int max)
    {
        lock (_lock)
        {
            var start = Math.Max(watermark + 1, _firstSequence);
            var count = (int)Math.Clamp(_lastSequence - start + 1, 0, max);
            var page = _history.GetRange((int)(start - _firstSequence), count);
            var last = count == 0 ? Math.Max(watermark, 0) : start + count - 1;
            return new DirectLineActivitySet { Activities = page, Watermark = Watermark(last) };
        }
    }

    /// <summary>
    /// Subscribes a stream: returns the backlog after <paramref name="watermark"/> and a reader of what
    /// comes next, taken atomically. A stream that falls too far behind is completed and must reconnect.
    /// </summary>
    public (IReadOnlyList<Activity> Backlog, long Watermark, ChannelReader<DirectLineActivitySet> Updates) Subscribe(long watermark)
    {
        var channel = Channel.CreateBounded<DirectLineActivitySet>(new BoundedChannelOptions(256) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        lock (_lock)
        {
            var start = Math.Max(watermark + 1, _firstSequence);
            var backlog = _history.GetRange((int)(start - _firstSequence), (int)Math.Max(0, _lastSequence - start + 1));
            _subscribers.Add(channel);
            return (backlog, _lastSequence, channel.Reader);
        }
    }

    /// <summary>Removes a stream's subscription.</summary>
    public void Unsubscribe(ChannelReader<DirectLineActivitySet> reader)
    {
        lock (_lock)
        {
            _subscribers.RemoveAll(s => s.Reader == reader);
        }
    }

    /// <summary>Remembers a turn answered in this conversation, so ratings can be checked against it.</summary>
    public void AddTurn(string turnId)
    {
        lock (_lock)
        {
            _turnIds.Add(turnId);
        }
    }

    /// <summary>True when <paramref name="turnId"/> was answered in this conversation.</summary>
    public bool HasTurn(string turnId)
    {
        lock (_lock)
        {
            return _turnIds.Contains(turnId);
        }
    }

    /// <summary>Completes every stream, e.g. when the conversation is forgotten.</summary>
    public void Close()
    {
        lock (_lock)
        {
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryComplete();
            }

            _subscribers.Clear();
        }
    }

    private static string Watermark(long sequence) => sequence.ToString(CultureInfo.InvariantCulture);

    private void Broadcast(DirectLineActivitySet set)
    {
        for (var i = _subscribers.Count - 1; i >= 0; i--)
        {
            if (!_subscribers[i].Writer.TryWrite(set))
            {
                // Too far behind to keep up: end this stream; the client reconnects from its watermark and loses nothing.
                _subscribers[i].Writer.TryComplete();
                _subscribers.RemoveAt(i);
            }
        }
    }
}
