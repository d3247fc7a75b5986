using ServiceBot.Abstractions.Turns;

namespace ServiceBot.Abstractions.Responders;

/// <summary>
/// A responder that holds multi-turn dialogs (TaskBot). The funnel gives an active dialog the first
/// word on each turn, before rules, cache and router.
/// </summary>
public interface IDialogResponder : IResponder
{
    /// <summary>True when the conversation has a dialog in progress that this turn may continue.</summary>
    bool HasActiveDialog(TurnContext turn);

    /// <summary>
    /// Continues the active dialog. Returns <see cref="ResponderOutcome.Declined"/> for a digression
    /// (an FAQ or chit-chat question mid-form), so later layers answer it; the dialog stays on the
    /// stack and the responder adds a reminder on a later call to <see cref="AfterDigressionAsync"/>.
    /// </summary>
    ValueTask<ResponderResult> ContinueAsync(TurnContext turn, CancellationToken cancellationToken);

    /// <summary>
    /// Called after another layer answered a digression while a dialog is active, so the responder can
    /// append a short reminder of where the dialog stands.
    /// </summary>
    ValueTask AfterDigressionAsync(TurnContext turn, CancellationToken cancellationToken);
}
