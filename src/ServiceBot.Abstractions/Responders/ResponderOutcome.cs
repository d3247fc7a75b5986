namespace ServiceBot.Abstractions.Responders;

/// <summary>What a responder proposes, weakest first: the router prefers later values.</summary>
public enum ResponderOutcome
{
    /// <summary>Nothing to say for this turn.</summary>
    Declined = 0,

    /// <summary>A last-resort reply: "I can only help with…", offer of a human.</summary>
    Fallback,

    /// <summary>"Did you mean…" suggestions.</summary>
    Suggested,

    /// <summary>A confident answer.</summary>
    Answered,
}
