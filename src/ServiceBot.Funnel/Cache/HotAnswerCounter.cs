using System.Collections.Concurrent;

namespace ServiceBot.Funnel.Cache;

/// <summary>
/// Counts, per bot and message key, how often the same FAQ answered it, so that the cache stage can
/// promote hot answers. Counts live in the process: with several replicas each promotes on its own
/// count, which only makes promotion a little later, never wrong.
/// </summary>
/// <remarks>Thread-safe. Bounded: when full it starts over, since a hot message soon counts up again.</remarks>
internal sealed class HotAnswerCounter
{
    private const int MaxKeys = 50_000;

    private readonly ConcurrentDictionary<(string Bot, string Key), Count> _counts = new();

    /// <summary>Counts one answer of <paramref name="faqId"/> to <paramref name="key"/>; returns how many in a row it now has.</summary>
    public int Add(string botId, string key, string faqId, long faqVersion)
    {
        if (_counts.Count >= MaxKeys)
        {
            _counts.Clear();
        }

        var count = _counts.AddOrUpdate(
            (botId, key),
            static (_, arg) => new Count(arg.FaqId, arg.FaqVersion, 1),
            static (_, old, arg) => old.FaqId == arg.FaqId && old.FaqVersion == arg.FaqVersion ? old with { N = old.N + 1 } : new Count(arg.FaqId, arg.FaqVersion, 1),
            (FaqId: faqId, FaqVersion: faqVersion));
        return count.N;
    }

    /// <summary>Forgets a key once it is promoted.</summary>
    public void Forget(string botId, string key) => _counts.TryRemove((botId, key), out _);

    private sealed record Count(string FaqId, long FaqVersion, int N);
}
