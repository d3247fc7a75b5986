namespace ServiceBot.KbBot.Settings;

/// <summary>Elliptical follow-ups ("那运费呢？"): how to recognize them and how far back to look.</summary>
internal sealed class FollowUpSettings
{
    public bool Enabled { get; set; } = true;

    /// <summary>Words or affixes that mark a follow-up, per language (<c>zh</c>, <c>en</c>); matched on the normalized text.</summary>
    public Dictionary<string, List<string>> Markers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Utterances with more content terms than this are taken as standalone questions.</summary>
    public int MaxTerms { get; set; } = 4;

    /// <summary>The previous topic counts only when that turn is at most this old.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromMinutes(30);
}
