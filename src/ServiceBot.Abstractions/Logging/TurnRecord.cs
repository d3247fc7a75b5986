using ServiceBot.Abstractions.Tracing;
using ServiceBot.Abstractions.Turns;

namespace ServiceBot.Abstractions.Logging;

/// <summary>One turn as the durable conversation log keeps it: what the customer said, what the bot replied, and why.</summary>
public sealed class TurnRecord
{
    public string TurnId { get; set; } = "";

    public string BotId { get; set; } = "";

    public string ConversationId { get; set; } = "";

    public string? ChannelId { get; set; }

    public string? UserId { get; set; }

    public DateTimeOffset Timestamp { get; set; }

    public string? Locale { get; set; }

    /// <summary>The customer's text, with PII masked when the bot's policy asks for it.</summary>
    public string UserText { get; set; } = "";

    /// <summary>Text of each reply sent, masked like <see cref="UserText"/>.</summary>
    public List<string> ReplyTexts { get; set; } = [];

    public string? AnsweredBy { get; set; }

    public TurnOutcome Outcome { get; set; }

    /// <summary>The answering layer's confidence, when it has one.</summary>
    public double? Confidence { get; set; }

    /// <summary>FAQ id, intent or workflow the turn was about.</summary>
    public string? Topic { get; set; }

    public double ElapsedMs { get; set; }

    public TurnTrace? Trace { get; set; }

    /// <summary>True when the turn belongs in the operators' annotation inbox (a miss, a suggestion, a handoff, low confidence).</summary>
    public bool NeedsReview { get; set; }
}
