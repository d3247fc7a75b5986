using ServiceBot.Abstractions.Responders;
using ServiceBot.Abstractions.Turns;
using ServiceBot.TaskBot.Backend;
using ServiceBot.TaskBot.Content;
using ServiceBot.TaskBot.Nlu;
using ServiceBot.TaskBot.Runtime;

namespace ServiceBot.TaskBot;

/// <summary>
/// TaskBot: starts a workflow when the intent classifier is confident a message asks for one, and
/// keeps it on track across turns — several slots from one message, corrections, FAQ digressions
/// answered by the other bots and then resumed, cancel, switching workflows, backend failures and a
/// re-ask limit that ends in an offer of a human.
/// </summary>
/// <remarks>Singleton and thread-safe: per-conversation data lives in the <c>taskbot</c> state section.</remarks>
internal sealed class TaskBotResponder(TaskBotContentCache contents, BackendCaller backend) : IDialogResponder
{
    public string Name => "taskbot";

    public bool HasActiveDialog(TurnContext turn)
    {
        if (!turn.State.HasSection(TaskBotState.Section))
        {
            return false;
        }

        var state = turn.State.GetSection<TaskBotState>(TaskBotState.Section);
        if (state.Stack.Count == 0)
        {
            turn.State.RemoveSection(TaskBotState.Section);
            return false;
        }

        if (turn.Now - state.UpdatedAt > contents.Settings(turn.Bot).IdleTimeout)
        {
            // The customer walked away; a message hours later is a new conversation topic, not an
            // answer to a question they no longer see.
            turn.State.RemoveSection(TaskBotState.Section);
            turn.Trace.Note("taskbot.expired", state.Stack[^1].Dialog);
            return false;
        }

        return true;
    }

    public async ValueTask<ResponderResult> RespondAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        // A running workflow belongs to the dialog stage, which has already had this message and
        // declined it as a digression; starting a workflow here would throw its progress away.
        if (HasActiveDialog(turn))
        {
            return ResponderResult.Declined("dialog-active");
        }

        var content = await contents.GetAsync(turn.Bot).ConfigureAwait(false);
        if (!content.Settings.Enabled || content.Classifier is null || turn.Utterance.IsEmpty)
        {
            return ResponderResult.Declined("no-workflow");
        }

        var prediction = Classify(content, turn);
        if (prediction.Label == TaskBotContent.NoneLabel || prediction.Probability < content.Settings.StartThreshold || !content.Dialogs.Dialogs.TryGetValue(prediction.Label, out var dialog) || !dialog.Triggerable)
        {
            return ResponderResult.Declined("below-threshold");
        }

        if (IsProcedureQuestion(content, turn))
        {
            return ResponderResult.Declined("procedure-question");
        }

        var run = new DialogRun(turn, content, backend, turn.State.GetSection<TaskBotState>(TaskBotState.Section));
        await run.StartAsync(dialog, cancellationToken).ConfigureAwait(false);
        return Finish(turn, run, prediction.Probability, run.Reason.Length == 0 ? "started" : run.Reason);
    }

    public async ValueTask<ResponderResult> ContinueAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var content = await contents.GetAsync(turn.Bot).ConfigureAwait(false);
        var state = turn.State.GetSection<TaskBotState>(TaskBotState.Section);
        var run = new DialogRun(turn, content, backend, state);
        var frame = state.Stack[^1];
        var dialog = content.Dialogs.Get(frame.Dialog);
        var text = run.Input.Text;

        if (content.Cancel.IsWholeMessage(text) || (content.Cancel.StartsMessage(text) && text.Length <= 12))
        {
            var title = run.Title(state.Stack[0].Dialog);
            state.Stack.Clear();
            state.Switch = null;
            run.Say(content.Replies.Format(TaskBotReplies.Cancelled, turn.Locale, ("title", title)));
            return Finish(turn, run, 1, "cancelled");
        }

        if (state.Switch is { } pending)
        {
            state.Switch = null;
            var answer = content.Dialogs.Types.YesNo.Answer(text);
            if (answer == "yes")
            {
                // The slots come from the message that asked for the other workflow, not from "是的".
                state.Stack.Clear();
                var switched = new DialogRun(turn, content, backend, state, pending.Text);
                await switched.StartAsync(content.Dialogs.Get(pending.Dialog), cancellationToken).ConfigureAwait(false);
                return Finish(turn, switched, 1, "switched");
            }

            if (answer == "no")
            {
                run.Say(content.Replies.Format(TaskBotReplies.SwitchDeclined, turn.Locale, ("title", run.Title(frame.Dialog))));
                if (run.CurrentQuestion() is { } question)
                {
                    run.Add(question);
                }

                return Finish(turn, run, 1, "switch-declined");
            }
        }

        var found = run.Extract(dialog, frame);
        if (frame.Expecting == DialogFrame.Confirmation)
        {
            var answer = content.Dialogs.Types.YesNo.Answer(text);
            if (found.Count == 0 && answer == "yes")
            {
                frame.Confirmed = true;
                await run.AdvanceAsync(cancellationToken).ConfigureAwait(false);
                return Finish(turn, run, 1, run.Reason);
            }

            if (found.Count == 0 && answer == "no")
            {
                run.Say(run.Render(dialog.Confirm?.Declined, dialog, frame) ?? content.Replies.Format(TaskBotReplies.ConfirmDeclined, turn.Locale));
                return Finish(turn, run, 1, "confirm-declined");
            }
        }

        if (found.Count > 0)
        {
            var corrections = found.Keys.Count(frame.Slots.ContainsKey);
            if (await run.ApplyAsync(dialog, frame, found, cancellationToken).ConfigureAwait(false))
            {
                if (corrections > 0 && run.Replies.Count == 0)
                {
                    run.Say(content.Replies.Format(TaskBotReplies.Updated, turn.Locale));
                }

                await run.AdvanceAsync(cancellationToken).ConfigureAwait(false);
            }

            return Finish(turn, run, 1, run.Reason.Length == 0 ? "filled" : run.Reason);
        }

        // Nothing in the message answers the dialog: another workflow, a digression, or a failed answer.
        var prediction = Classify(content, turn);
        if (prediction.Label != frame.Dialog && prediction.Probability >= content.Settings.SwitchThreshold
            && content.Dialogs.Dialogs.TryGetValue(prediction.Label, out var other) && other.Triggerable && !IsProcedureQuestion(content, turn))
        {
            if (state.Stack.Exists(f => f.Slots.Count > 0))
            {
                state.Switch = new PendingSwitch { Dialog = other.Id, Text = turn.Utterance.Normalized };
                var ask = turn.CreateReply(content.Replies.Format(TaskBotReplies.SwitchQuestion, turn.Locale, ("title", run.Title(state.Stack[0].Dialog)), ("next", run.Title(other.Id))));
                DialogRun.AddButtons(ask, content.Dialogs.Types.YesNo.Choices(turn.Locale));
                run.Add(ask);
                return Finish(turn, run, prediction.Probability, "switch-question");
            }

            state.Stack.Clear();
            await run.StartAsync(other, cancellationToken).ConfigureAwait(false);
            return Finish(turn, run, prediction.Probability, "switched");
        }

        // A question, or a message of several words the classifier places among the FAQ, goes to the
        // other bots; a short unrecognised reply ("嗯嗯", "blah") is a failed answer and is asked again.
        if (content.Question.Contains(text) || (prediction.Label == TaskBotContent.NoneLabel && prediction.Probability >= 0.5 && turn.Utterance.Terms.Distinct(StringComparer.Ordinal).Count() >= 2))
        {
            return ResponderResult.Declined("digression");
        }

        if (frame.Expecting == DialogFrame.Confirmation)
        {
            run.Say(content.Replies.Format(TaskBotReplies.ConfirmAgain, turn.Locale));
            return Finish(turn, run, 1, "confirm-again");
        }

        frame.Attempts++;
        var slot = dialog.Slots.FirstOrDefault(s => s.Name == frame.Expecting);
        if (slot is not null && frame.Attempts >= slot.MaxAttempts)
        {
            run.GiveUp(dialog);
            return Finish(turn, run, 1, "give-up");
        }

        run.Say(run.Render(slot?.Invalid, dialog, frame, ("value", turn.Text)) ?? content.Replies.Format(TaskBotReplies.NotUnderstood, turn.Locale));
        if (run.CurrentQuestion() is { } again)
        {
            run.Add(again);
        }

        return Finish(turn, run, 1, "re-ask");
    }

    public async ValueTask AfterDigressionAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var content = await contents.GetAsync(turn.Bot).ConfigureAwait(false);
        var state = turn.State.GetSection<TaskBotState>(TaskBotState.Section);
        if (state.Stack.Count == 0)
        {
            return;
        }

        var run = new DialogRun(turn, content, backend, state);
        var question = run.CurrentQuestion();
        if (question is null)
        {
            return;
        }

        var reminder = turn.CreateReply(content.Replies.Format(TaskBotReplies.Resume, turn.Locale, ("title", run.Title(state.Stack[^1].Dialog)), ("prompt", question.Text ?? "")));
        reminder.SuggestedActions = question.SuggestedActions;
        turn.AppendReply(reminder);
        state.UpdatedAt = turn.Now;
        turn.Trace.Note("taskbot.resume", state.Stack[^1].Dialog);
    }

    private static IntentPrediction Classify(TaskBotContent content, TurnContext turn)
    {
        var prediction = content.Classify(turn);
        turn.Trace.Note("intent", prediction.Label);
        turn.Trace.Note("intent.probability", Math.Round(prediction.Probability, 4));
        return prediction;
    }

    /// <summary>
    /// "怎么退货" asks how returns work (an FAQ); "我要退货" asks the bot to start one. A message with a
    /// how/policy word and no wish word goes to the KB even when it names a workflow.
    /// </summary>
    private static bool IsProcedureQuestion(TaskBotContent content, TurnContext turn)
    {
        var text = turn.Utterance.Normalized;
        return content.Procedure.Contains(text) && !content.Want.Contains(text);
    }

    private static ResponderResult Finish(TurnContext turn, DialogRun run, double confidence, string reason)
    {
        var state = run.State;
        state.UpdatedAt = turn.Now;
        if (state.Stack.Count == 0 && state.Switch is null)
        {
            turn.State.RemoveSection(TaskBotState.Section);
        }
        else
        {
            turn.Topic ??= state.Stack[^1].Dialog;
            turn.Trace.Note("taskbot.stack", string.Join(" > ", state.Stack.Select(f => f.Dialog)));
            turn.Trace.Note("taskbot.slots", new Dictionary<string, string>(state.Stack[^1].Slots, StringComparer.Ordinal));
        }

        turn.Trace.Note("taskbot.reason", reason);
        return new ResponderResult(ResponderOutcome.Answered, confidence, run.Replies, reason) { HasSideEffects = run.CalledBackend };
    }
}
