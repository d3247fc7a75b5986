namespace ServiceBot.Abstractions.Tracing;

/// <summary>What one step did with the turn.</summary>
public enum StepOutcome
{
    /// <summary>Called the next stage and changed nothing.</summary>
    Passed = 0,

    /// <summary>Called the next stage after annotating the turn (a note, a verdict, a rewritten reply).</summary>
    Annotated,

    /// <summary>Replied and ended the turn.</summary>
    Answered,

    /// <summary>Refused or blocked the message and ended the turn.</summary>
    Blocked,

    /// <summary>Switched off by configuration for this bot.</summary>
    Skipped,

    /// <summary>Threw; the turn-error handler took over.</summary>
    Failed,
}
