using ServiceBot.Abstractions.Turns;

namespace ServiceBot.Abstractions.Logging;

/// <summary>Filter for reading the conversation log; unset fields do not filter.</summary>
public sealed class TurnLogQuery
{
    public string BotId { get; set; } = "";

    public string? ConversationId { get; set; }

    public TurnOutcome? Outcome { get; set; }

    public bool? NeedsReview { get; set; }

    public DateTimeOffset? Since { get; set; }

    public DateTimeOffset? Until { get; set; }

    /// <summary>At most this many records, newest first.</summary>
    public int Limit { get; set; } = 100;
}
