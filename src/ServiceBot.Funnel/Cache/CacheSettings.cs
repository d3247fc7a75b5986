namespace ServiceBot.Funnel.Cache;

/// <summary>The <c>funnel.cache</c> section of bot.yaml.</summary>
internal sealed class CacheSettings
{
    public bool Enabled { get; set; } = true;

    /// <summary>Whether a message that is not an exact key may still hit a near-duplicate key.</summary>
    public bool NearDuplicates { get; set; } = true;

    /// <summary>Smallest Dice similarity of the character-bigram sets for a near-duplicate.</summary>
    public double MinSimilarity { get; set; } = 0.7;

    /// <summary>Largest SimHash distance (of 64 bits) a key may have to be compared at all; a cheap pre-filter before the bigram sets.</summary>
    public int MaxDistance { get; set; } = 28;

    /// <summary>Messages with fewer letters and digits than this match exactly only: near matching of very short texts is too coarse.</summary>
    public int MinNearChars { get; set; } = 6;

    /// <summary>Characters that change a question's meaning (negations); a near-duplicate may not differ from the key in these, nor in digits.</summary>
    public string DistinguishingChars { get; set; } = "不没别未非无否莫勿";

    /// <summary>
    /// After how many answers of the same FAQ to the same message (exact key) that answer is promoted
    /// into the cache; 0 switches promotion off. Only answers a responder marks as depending on the
    /// message alone are counted (see <c>CacheableAnswer</c>).
    /// </summary>
    public int PromoteAfter { get; set; } = 3;
}
