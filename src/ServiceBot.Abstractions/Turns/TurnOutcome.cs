namespace ServiceBot.Abstractions.Turns;

/// <summary>How a turn ended, from the customer's point of view.</summary>
public enum TurnOutcome
{
    /// <summary>No stage has replied yet.</summary>
    None = 0,

    /// <summary>A confident answer: an FAQ, a workflow step, a rule or cached answer, a generated reply.</summary>
    Answered,

    /// <summary>"Did you mean…" suggestions instead of an answer.</summary>
    Suggested,

    /// <summary>Nothing matched; the bot said so and offered alternatives (拒识 / out of domain).</summary>
    Fallback,

    /// <summary>The input guard refused the message (empty, too long, flooding, rate limited).</summary>
    Refused,

    /// <summary>The rejector blocked the message (sensitive words, prompt injection).</summary>
    Blocked,

    /// <summary>The conversation was handed over to a human operator on this turn.</summary>
    HandedOff,

    /// <summary>The conversation is with a human operator; the message was relayed, the bot stayed silent.</summary>
    Relayed,

    /// <summary>A fault ended the turn; the turn-error handler sent a safe reply.</summary>
    Failed,
}
