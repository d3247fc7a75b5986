using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace ServiceBot.Channels.Slack;

/// <summary>
/// Remembers the Slack event ids already taken, for <see cref="SlackOptions.DeduplicationWindow"/>, so
/// a retry (Slack resends when it did not see a 2xx within three seconds) is acknowledged but not
/// answered a second time.
/// </summary>
/// <remarks>Thread-safe; two concurrent deliveries of one id are decided atomically.</remarks>
internal sealed class SlackEventDeduplicator(IOptions<SlackOptions> options, TimeProvider time)
{
    private const int PurgeEvery = 1_024;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly TimeSpan _window = options.Value.DeduplicationWindow;
    private int _added;

    /// <summary>True the first time <paramref name="eventId"/> is seen within the window; false for a repeat.</summary>
    public bool TryTake(string eventId)
    {
        var now = time.GetUtcNow();
        if (_seen.TryGetValue(eventId, out var expires) && expires > now)
        {
            return false;
        }

        var taken = false;
        _seen.AddOrUpdate(
            eventId,
            _ =>
            {
                taken = true;
                return now + _window;
            },
            (_, existing) =>
            {
                taken = existing <= now;
                return taken ? now + _window : existing;
            });
        if (taken && Interlocked.Increment(ref _added) % PurgeEvery == 0)
        {
            Purge(now);
        }

        return taken;
    }

    /// <summary>Forgets an id whose event could not be queued, so Slack's retry of it is processed.</summary>
    public void Release(string eventId) => _seen.TryRemove(eventId, out _);

    private void Purge(DateTimeOffset now)
    {
        foreach (var (id, expires) in _seen)
        {
            if (expires <= now)
            {
                _seen.TryRemove(id, out _);
            }
        }
    }
}
