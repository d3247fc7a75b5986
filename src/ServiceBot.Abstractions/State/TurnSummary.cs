namespace ServiceBot.Abstractions.State;

/// <summary>One past exchange, kept in conversation state for follow-ups and query rewriting.</summary>
public sealed class TurnSummary
{
    public string TurnId { get; set; } = "";

    public DateTimeOffset At { get; set; }

    /// <summary>The customer's normalized text.</summary>
    public string UserText { get; set; } = "";

    /// <summary>The first reply's text.</summary>
    public string? ReplyText { get; set; }

    public string? AnsweredBy { get; set; }

    /// <summary>What the exchange was about: an FAQ id, an intent, a workflow; used to resolve "那运费呢？".</summary>
    public string? Topic { get; set; }
}
