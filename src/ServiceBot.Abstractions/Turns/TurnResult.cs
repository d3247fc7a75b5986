using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Tracing;

namespace ServiceBot.Abstractions.Turns;

/// <summary>The outcome of one processed turn.</summary>
public sealed class TurnResult
{
    public TurnResult(string turnId, string botId, IReadOnlyList<Activity> replies, TurnOutcome outcome, string? answeredBy, TurnTrace trace)
    {
        TurnId = turnId;
        BotId = botId;
        Replies = replies;
        Outcome = outcome;
        AnsweredBy = answeredBy;
        Trace = trace;
    }

    public string TurnId { get; }

    public string BotId { get; }

    /// <summary>Replies to deliver, in order. Empty when the message was relayed to an operator.</summary>
    public IReadOnlyList<Activity> Replies { get; }

    public TurnOutcome Outcome { get; }

    public string? AnsweredBy { get; }

    public TurnTrace Trace { get; }
}
