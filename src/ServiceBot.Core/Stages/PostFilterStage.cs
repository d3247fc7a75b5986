using ServiceBot.Abstractions.Filters;
using ServiceBot.Abstractions.Tracing;
using ServiceBot.Abstractions.Turns;
using ServiceBot.Core.Replies;

namespace ServiceBot.Core.Stages;

/// <summary>
/// Runs every reply filter on the router's replies: filters scoped to all replies always, filters
/// scoped to generated replies when a model wrote them. A repaired text replaces the reply's text; a
/// block replaces the replies with the responder's safe alternative (suggestions, handoff) or the
/// bot's "not sure, ask a human" reply. Every decision is noted in the trace.
/// </summary>
internal sealed class PostFilterStage(IEnumerable<IReplyFilter> filters, BotReplies replies) : ITurnStage
{
    private readonly IReplyFilter[] _filters = [.. filters];

    public string Name => "postfilter";

    public async ValueTask InvokeAsync(TurnContext turn, TurnDelegate next, CancellationToken cancellationToken)
    {
        var decisions = new List<string>();
        for (var i = 0; i < turn.Replies.Count; i++)
        {
            var reply = turn.Replies[i];
            if (string.IsNullOrEmpty(reply.Text))
            {
                continue;
            }

            var text = reply.Text;
            foreach (var filter in _filters)
            {
                if (filter.Scope == ReplyFilterScope.Generated && !turn.IsGenerated)
                {
                    continue;
                }

                var result = await filter.CheckAsync(turn, reply, text, cancellationToken).ConfigureAwait(false);
                switch (result.Verdict)
                {
                    case ReplyVerdict.Repaired:
                        decisions.Add($"{filter.Name}: repaired ({result.Reason})");
                        text = result.Text;
                        break;
                    case ReplyVerdict.Blocked:
                        decisions.Add($"{filter.Name}: blocked ({result.Reason})");
                        Block(turn);
                        turn.Trace.Note("decisions", decisions);
                        turn.Trace.Current!.Outcome = StepOutcome.Annotated;
                        await next(turn, cancellationToken).ConfigureAwait(false);
                        return;
                }
            }

            if (!string.Equals(text, reply.Text, StringComparison.Ordinal))
            {
                reply.Text = text;
                turn.ReplaceReply(i, reply);
            }
        }

        if (decisions.Count > 0)
        {
            turn.Trace.Note("decisions", decisions);
        }

        await next(turn, cancellationToken).ConfigureAwait(false);
    }

    private void Block(TurnContext turn)
    {
        var alternative = turn.Features.Get<SafeAlternative>();
        if (alternative is { Replies.Count: > 0 })
        {
            turn.Respond(Name, TurnOutcome.Fallback, alternative.Replies);
        }
        else
        {
            turn.Respond(Name, TurnOutcome.Fallback, replies.WithHandoffOffer(turn, replies.Create(turn, BotReplies.GeneratedBlocked)));
        }
    }
}
