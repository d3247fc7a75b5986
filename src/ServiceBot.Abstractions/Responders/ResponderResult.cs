using ServiceBot.Abstractions.Activities;

namespace ServiceBot.Abstractions.Responders;

/// <summary>A responder's proposal for a turn.</summary>
public sealed class ResponderResult
{
    private static readonly ResponderResult DeclinedResult = new(ResponderOutcome.Declined, 0, [], null);

    public ResponderResult(ResponderOutcome outcome, double confidence, IReadOnlyList<Activity> replies, string? reason)
    {
        Outcome = outcome;
        Confidence = confidence;
        Replies = replies;
        Reason = reason;
    }

    public ResponderOutcome Outcome { get; }

    /// <summary>The responder's calibrated confidence in [0, 1] that this proposal is right.</summary>
    public double Confidence { get; }

    public IReadOnlyList<Activity> Replies { get; }

    /// <summary>Why the responder proposed or declined, for the trace (e.g. <c>below-threshold</c>).</summary>
    public string? Reason { get; }

    /// <summary>True when the replies were produced by a generative model and must pass the post-filter's fact checks.</summary>
    public bool IsGenerated { get; init; }

    /// <summary>Marks the proposal as having had an effect outside the conversation (a backend call).</summary>
    public bool HasSideEffects { get; init; }

    public static ResponderResult Declined(string? reason = null) =>
        reason is null ? DeclinedResult : new(ResponderOutcome.Declined, 0, [], reason);

    public static ResponderResult Answered(double confidence, params IReadOnlyList<Activity> replies) =>
        new(ResponderOutcome.Answered, confidence, replies, null);

    public static ResponderResult Suggested(double confidence, params IReadOnlyList<Activity> replies) =>
        new(ResponderOutcome.Suggested, confidence, replies, null);

    public static ResponderResult Fallback(params IReadOnlyList<Activity> replies) =>
        new(ResponderOutcome.Fallback, 0, replies, null);
}
