namespace ServiceBot.Funnel.Cache;

/// <summary>The <c>funnel.cache</c> section of bot.yaml.</summary>
internal sealed class CacheSettings
{
    public bool Enabled { get; set; } = true;

    /// <summary>Whether a message that is not an exact key may still hit an entry whose SimHash is within <see cref="MaxDistance"/> bits.</summary>
    public bool NearDuplicates { get; set; } = true;

    /// <summary>Largest Hamming distance (of 64 bits) between SimHashes that counts as the same question.</summary>
    public int MaxDistance { get; set; } = 3;

    /// <summary>Messages with fewer letters and digits than this match exactly only: SimHash of very short texts is too coarse.</summary>
    public int MinNearChars { get; set; } = 6;
}
