using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Nlu;
using ServiceBot.Abstractions.State;
using ServiceBot.Abstractions.Turns;

namespace ServiceBot.Funnel.Rules;

/// <summary>
/// The <c>rules</c> stage: answers greetings, thanks, goodbyes, requests for a human and "start
/// over" from the bot's rules file without asking any responder. A message no rule matches goes on
/// unchanged.
/// </summary>
/// <remarks>
/// The phrase triggers (exact, contains, patterns) are tried first; the message's intent is asked
/// for only when some intent rule could still beat what they found, so a bot without intent rules,
/// or a greeting that an exact phrase already answers, never reaches the classifier. Without an
/// <see cref="IIntentRecognizer"/> intent rules do not fire (the registry warns when it compiles them).
/// </remarks>
internal sealed class RulesStage(RuleBookRegistry registry, IIntentRecognizer? recognizer = null) : ITurnStage
{
    public string Name => "rules";

    public async ValueTask InvokeAsync(TurnContext turn, TurnDelegate next, CancellationToken cancellationToken)
    {
        if (turn.Activity.Type != ActivityTypes.Message || turn.Text.Length == 0)
        {
            await next(turn, cancellationToken).ConfigureAwait(false);
            return;
        }

        var book = await registry.GetAsync(turn.Bot, cancellationToken).ConfigureAwait(false);
        var key = MessageKey.Of(turn.Text);
        var match = book.Count == 0 ? null : book.Match(turn.Text, key);
        if (recognizer is not null && book.IntentMayOutrank(match, key)
            && await recognizer.RecognizeAsync(turn, cancellationToken).ConfigureAwait(false) is { } intent)
        {
            // Noted even when no rule takes it, so a trace shows why an intent rule did not fire.
            turn.Trace.Note("intent", intent.Label);
            turn.Trace.Note("intent.probability", Math.Round(intent.Probability, 4));
            match = book.MatchIntent(intent, match);
        }

        if (match is null)
        {
            await next(turn, cancellationToken).ConfigureAwait(false);
            return;
        }

        var rule = match.Rule;
        turn.Trace.Note("rule", rule.Id);
        turn.Trace.Note("match", match.How);
        var reply = turn.CreateReply(rule.RepliesFor(turn.Activity.ChannelId).Pick(turn.Locale));
        switch (rule.Action)
        {
            case RuleAction.Handoff:
                if (turn.State.Handoff.Status == HandoffStatus.None)
                {
                    turn.State.Handoff.Status = HandoffStatus.Requested;
                    turn.State.Handoff.RequestedAt = turn.Now;
                    turn.State.Handoff.Reason = "rule:" + rule.Id;
                    turn.MarkSideEffect();
                }

                turn.Respond(Name, TurnOutcome.HandedOff, reply);
                break;
            case RuleAction.Restart:
                foreach (var (section, _) in turn.State.SectionsSnapshot())
                {
                    turn.State.RemoveSection(section);
                }

                turn.MarkSideEffect();
                turn.Respond(Name, TurnOutcome.Answered, reply);
                break;
            default:
                turn.Respond(Name, TurnOutcome.Answered, reply);
                break;
        }
    }
}
