using System.Collections.Concurrent;

namespace ServiceBot.KbBot.Index;

/// <summary>The current snapshot of each bot; a rebuild replaces it with one reference swap.</summary>
/// <remarks>Thread-safe. A turn reads one snapshot once and uses it throughout, so it never sees half an update.</remarks>
internal sealed class KbRegistry
{
    private readonly ConcurrentDictionary<string, KbSnapshot> _snapshots = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The bots that have a snapshot.</summary>
    public IReadOnlyCollection<string> BotIds => [.. _snapshots.Keys];

    public KbSnapshot? Get(string botId) => _snapshots.TryGetValue(botId, out var s) ? s : null;

    /// <summary>Publishes <paramref name="snapshot"/> unless a snapshot of a newer KB revision is already there.</summary>
    public bool Publish(KbSnapshot snapshot)
    {
        while (true)
        {
            if (!_snapshots.TryGetValue(snapshot.BotId, out var current))
            {
                if (_snapshots.TryAdd(snapshot.BotId, snapshot))
                {
                    return true;
                }

                continue;
            }

            if (current.Revision > snapshot.Revision)
            {
                return false;
            }

            if (_snapshots.TryUpdate(snapshot.BotId, snapshot, current))
            {
                return true;
            }
        }
    }
}
