using ServiceBot.Abstractions.Cache;

namespace ServiceBot.Funnel.Cache;

/// <summary>
/// A snapshot of one bot's cache keys with their SimHashes, built from <see cref="IAnswerCache.ListAsync"/>
/// and replaced whole when it is older than the configured refresh. Immutable, so lookups need no lock.
/// </summary>
internal sealed class NearDuplicateIndex
{
    private readonly ulong[] _hashes;
    private readonly string[] _keys;

    public NearDuplicateIndex(IReadOnlyList<CachedAnswer> entries, DateTimeOffset builtAt)
    {
        _hashes = new ulong[entries.Count];
        _keys = new string[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            _keys[i] = entries[i].Key;
            _hashes[i] = SimHash.Of(entries[i].Key);
        }

        BuiltAt = builtAt;
    }

    public DateTimeOffset BuiltAt { get; }

    public int Count => _keys.Length;

    /// <summary>The closest key within <paramref name="maxDistance"/> bits whose length is within a quarter of <paramref name="key"/>'s, or null.</summary>
    public (string Key, int Distance)? Nearest(string key, int maxDistance)
    {
        var hash = SimHash.Of(key);
        var best = -1;
        var bestDistance = maxDistance + 1;
        for (var i = 0; i < _hashes.Length; i++)
        {
            var distance = SimHash.Distance(hash, _hashes[i]);
            if (distance < bestDistance && Math.Abs(_keys[i].Length - key.Length) * 4 <= Math.Max(_keys[i].Length, key.Length))
            {
                best = i;
                bestDistance = distance;
            }
        }

        return best < 0 ? null : (_keys[best], bestDistance);
    }
}
