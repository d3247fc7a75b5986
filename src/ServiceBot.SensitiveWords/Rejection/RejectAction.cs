namespace ServiceBot.SensitiveWords.Rejection;

/// <summary>What the rejector does with a message that matches a category; later members are stronger and win when several match.</summary>
public enum RejectAction
{
    /// <summary>Notes the match in the turn trace only.</summary>
    Log = 0,

    /// <summary>Replaces the matched characters with '*' before responders (and models) see the message.</summary>
    Mask,

    /// <summary>Replies with the handoff text and asks for a human operator.</summary>
    Handoff,

    /// <summary>Replies with the blocked text; no responder sees the message.</summary>
    Block,
}
