namespace ServiceBot.Abstractions.Knowledge;

/// <summary>
/// One FAQ: a standard question, the ways customers also ask it, and the answer.
/// </summary>
/// <remarks>
/// <see cref="Version"/> increases on every save; caches key answers by it so an edit invalidates them.
/// Mutable for editing and import; the KB-Bot indexes a snapshot and never mutates entries.
/// </remarks>
public sealed class FaqEntry
{
    public string Id { get; set; } = "";

    public string StandardQuestion { get; set; } = "";

    public List<string> SimilarQuestions { get; set; } = [];

    public RichAnswer Answer { get; set; } = new();

    public string? Category { get; set; }

    public List<string> Tags { get; set; } = [];

    /// <summary>Answer variants by channel id (e.g. <c>msteams</c>, <c>slack</c>) where the default does not fit.</summary>
    public Dictionary<string, RichAnswer> ChannelAnswers { get; set; } = new(StringComparer.Ordinal);

    /// <summary>BCP-47 language of the entry (<c>zh-CN</c>, <c>en-US</c>); null when it serves every language.</summary>
    public string? Locale { get; set; }

    public DateTimeOffset? ValidFrom { get; set; }

    public DateTimeOffset? ValidTo { get; set; }

    public bool Enabled { get; set; } = true;

    public long Version { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>True when the entry may be answered at <paramref name="now"/>: enabled and inside its validity window.</summary>
    public bool IsLive(DateTimeOffset now) =>
        Enabled && (ValidFrom is null || ValidFrom <= now) && (ValidTo is null || now < ValidTo);

    /// <summary>The answer for a channel: its variant when there is one, else the default.</summary>
    public RichAnswer AnswerFor(string? channelId) =>
        channelId is not null && ChannelAnswers.TryGetValue(channelId, out var variant) ? variant : Answer;

    public FaqEntry Clone() => new()
    {
        Id = Id,
        StandardQuestion = StandardQuestion,
        SimilarQuestions = [.. SimilarQuestions],
        Answer = Answer.Clone(),
        Category = Category,
        Tags = [.. Tags],
        ChannelAnswers = ChannelAnswers.ToDictionary(p => p.Key, p => p.Value.Clone(), StringComparer.Ordinal),
        Locale = Locale,
        ValidFrom = ValidFrom,
        ValidTo = ValidTo,
        Enabled = Enabled,
        Version = Version,
        UpdatedAt = UpdatedAt,
    };
}
