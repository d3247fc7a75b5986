using System.Diagnostics;
using System.Runtime.CompilerServices;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.Responders;
using ServiceBot.Abstractions.Tracing;
using ServiceBot.Abstractions.Turns;
using ServiceBot.Core.Replies;

namespace ServiceBot.Core.Stages;

/// <summary>
/// Dispatches the turn to TaskBot, KB-Bot and ChatBot in the bot's order. The first confident answer
/// wins; otherwise the strongest proposal does (suggestions over a fallback); when every responder
/// declines, the bot says what it can help with and offers a human (拒识) rather than guessing.
/// Always continues to the post-filter.
/// </summary>
internal sealed class RouterStage(IEnumerable<IResponder> responders, BotReplies replies) : ITurnStage
{
    private readonly Dictionary<string, IResponder> _responders = responders.ToDictionary(r => r.Name, StringComparer.OrdinalIgnoreCase);
    private readonly ConditionalWeakTable<BotDefinition, IResponder[]> _orderByBot = [];

    public string Name => "router";

    public async ValueTask InvokeAsync(TurnContext turn, TurnDelegate next, CancellationToken cancellationToken)
    {
        IResponder? bestResponder = null;
        ResponderResult? best = null;
        foreach (var responder in _orderByBot.GetValue(turn.Bot, Resolve))
        {
            var step = turn.Trace.BeginStep("router/" + responder.Name);
            var started = Stopwatch.GetTimestamp();
            ResponderResult result;
            try
            {
                result = await responder.RespondAsync(turn, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                step.Outcome = StepOutcome.Failed;
                throw;
            }
            finally
            {
                step.ElapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                turn.Trace.EndStep(step);
            }

            step.Outcome = result.Outcome == ResponderOutcome.Declined ? StepOutcome.Passed : StepOutcome.Answered;
            step.Note("proposal", result.Outcome);
            step.Note("confidence", Math.Round(result.Confidence, 4));
            if (result.Reason is not null)
            {
                step.Note("reason", result.Reason);
            }

            if (best is null || result.Outcome > best.Outcome)
            {
                best = result;
                bestResponder = responder;
            }

            if (result.Outcome == ResponderOutcome.Answered)
            {
                break;
            }
        }

        if (best is null || bestResponder is null || best.Outcome == ResponderOutcome.Declined || best.Replies.Count == 0)
        {
            turn.Trace.Note("decision", "out-of-domain");
            turn.Respond(Name, TurnOutcome.Fallback, replies.WithHandoffOffer(turn, replies.Create(turn, BotReplies.OutOfDomain)));
        }
        else
        {
            turn.Trace.Note("decision", bestResponder.Name);
            turn.Respond(bestResponder.Name, ToTurnOutcome(best.Outcome), best.Replies);
            if (best.IsGenerated)
            {
                turn.MarkGenerated();
            }

            if (best.HasSideEffects)
            {
                turn.MarkSideEffect();
            }
        }

        await next(turn, cancellationToken).ConfigureAwait(false);
    }

    internal static TurnOutcome ToTurnOutcome(ResponderOutcome outcome) => outcome switch
    {
        ResponderOutcome.Answered => TurnOutcome.Answered,
        ResponderOutcome.Suggested => TurnOutcome.Suggested,
        _ => TurnOutcome.Fallback,
    };

    private IResponder[] Resolve(BotDefinition bot) =>
        [.. bot.GetSettings<RouterSettings>("router").Responders
            .Select(name => _responders.GetValueOrDefault(name))
            .OfType<IResponder>()];
}
