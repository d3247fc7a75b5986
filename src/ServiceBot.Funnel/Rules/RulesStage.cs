using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.State;
using ServiceBot.Abstractions.Turns;

namespace ServiceBot.Funnel.Rules;

/// <summary>
/// The <c>rules</c> stage: answers greetings, thanks, goodbyes, requests for a human and "start
/// over" from the bot's rules file without asking any responder. A message no rule matches goes on
/// unchanged.
/// </summary>
internal sealed class RulesStage(RuleBookRegistry registry) : ITurnStage
{
    public string Name => "rules";

    public ValueTask InvokeAsync(TurnContext turn, TurnDelegate next, CancellationToken cancellationToken)
    {
        if (turn.Activity.Type != ActivityTypes.Message || turn.Text.Length == 0)
        {
            return next(turn, cancellationToken);
        }

        var book = registry.Get(turn.Bot);
        var match = book.Count == 0 ? null : book.Match(turn.Text, MessageKey.Of(turn.Text));
        if (match is null)
        {
            return next(turn, cancellationToken);
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

        return ValueTask.CompletedTask;
    }
}
