using ServiceBot.Abstractions.State;
using ServiceBot.Abstractions.Turns;

namespace ServiceBot.Core.Stages;

/// <summary>
/// Funnel step 1: while an operator has the conversation, the bot stays silent and the message is
/// relayed (it reaches the operator through the conversation log and the console's live view).
/// While a handoff is only requested, the bot keeps answering so the customer is not left waiting.
/// </summary>
internal sealed class HandoffStage : ITurnStage
{
    public string Name => "handoff";

    public ValueTask InvokeAsync(TurnContext turn, TurnDelegate next, CancellationToken cancellationToken)
    {
        switch (turn.State.Handoff.Status)
        {
            case HandoffStatus.Active:
                turn.Trace.Note("operator", turn.State.Handoff.OperatorId);
                turn.Respond(Name, TurnOutcome.Relayed);
                return ValueTask.CompletedTask;
            case HandoffStatus.Requested:
                turn.Trace.Note("waiting-for-operator-since", turn.State.Handoff.RequestedAt);
                return next(turn, cancellationToken);
            default:
                return next(turn, cancellationToken);
        }
    }
}
