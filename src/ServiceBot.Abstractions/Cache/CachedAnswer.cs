using ServiceBot.Abstractions.Knowledge;

namespace ServiceBot.Abstractions.Cache;

/// <summary>
/// A curated answer the funnel may give without running recall: written by operators or promoted
/// from a hot FAQ.
/// </summary>
public sealed class CachedAnswer
{
    public string BotId { get; set; } = "";

    /// <summary>The normalized question it answers; the exact-match key.</summary>
    public string Key { get; set; } = "";

    /// <summary>The question as shown to operators.</summary>
    public string Question { get; set; } = "";

    public RichAnswer Answer { get; set; } = new();

    /// <summary>The FAQ the answer came from, when promoted from one.</summary>
    public string? FaqId { get; set; }

    /// <summary>The FAQ version the answer was copied from; a newer FAQ version makes the entry stale.</summary>
    public long? FaqVersion { get; set; }

    public string? Locale { get; set; }

    /// <summary><c>operator</c> or <c>promoted</c>.</summary>
    public string Source { get; set; } = "operator";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>How often the entry answered; maintained by the store.</summary>
    public long Hits { get; set; }
}
