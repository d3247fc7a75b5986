namespace ServiceBot.SensitiveWords.WordLists;

/// <summary>Bounds on what word lists may hold, and how far apart a word's characters may be.</summary>
public sealed record WordListLimits
{
    /// <summary>The limits the rejector uses unless configured otherwise.</summary>
    public static WordListLimits Default { get; } = new();

    /// <summary>Distinct entries over all lists of a bot.</summary>
    public int MaxEntries { get; init; } = 2_000_000;

    /// <summary>Size of one list file.</summary>
    public long MaxFileBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Noise characters allowed in a row between two characters of a word ("敏**感": 2).</summary>
    public int MaxNoiseRun { get; init; } = 3;
}
