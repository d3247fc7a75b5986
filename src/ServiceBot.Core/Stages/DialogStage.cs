using ServiceBot.Abstractions.Responders;
using ServiceBot.Abstractions.Turns;

namespace ServiceBot.Core.Stages;

/// <summary>
/// Funnel step 2: a workflow in progress gets the first word. When the dialog declines (the customer
/// digressed with an FAQ or small talk), later layers answer and the dialog then adds a reminder of
/// where it stands.
/// </summary>
internal sealed class DialogStage(IEnumerable<IResponder> responders) : ITurnStage
{
    private readonly IDialogResponder? _dialogs = responders.OfType<IDialogResponder>().FirstOrDefault();

    public string Name => "dialog";

    public async ValueTask InvokeAsync(TurnContext turn, TurnDelegate next, CancellationToken cancellationToken)
    {
        if (_dialogs is null || !_dialogs.HasActiveDialog(turn))
        {
            await next(turn, cancellationToken).ConfigureAwait(false);
            return;
        }

        var result = await _dialogs.ContinueAsync(turn, cancellationToken).ConfigureAwait(false);
        if (result.HasSideEffects)
        {
            turn.MarkSideEffect();
        }

        turn.Trace.Note("dialog", result.Outcome);
        if (result.Reason is not null)
        {
            turn.Trace.Note("reason", result.Reason);
        }

        if (result.Outcome != ResponderOutcome.Declined)
        {
            turn.Respond(_dialogs.Name, RouterStage.ToTurnOutcome(result.Outcome), result.Replies);
            return;
        }

        await next(turn, cancellationToken).ConfigureAwait(false);
        if (turn.Replies.Count > 0 && turn.Outcome is not (TurnOutcome.Blocked or TurnOutcome.HandedOff or TurnOutcome.Relayed) && _dialogs.HasActiveDialog(turn))
        {
            await _dialogs.AfterDigressionAsync(turn, cancellationToken).ConfigureAwait(false);
        }
    }
}
