using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Filters;
using ServiceBot.Abstractions.Turns;
using ServiceBot.ChatBot.Content;
using ServiceBot.ChatBot.Filters.Claims;

namespace ServiceBot.ChatBot.Filters;

/// <summary>
/// Post-generation check for claims without a number to catch them by: sweeping words the sources
/// never use ("退款立即到账", "always") and clauses that restate a source with the opposite polarity
/// ("定制商品也可以退货" where the policy says they cannot). Sentences are removed or the reply
/// blocked, by policy, as for unsupported facts.
/// </summary>
/// <remarks>Runs on generated replies only, after the facts check. Thread-safe.</remarks>
internal sealed class UnsupportedClaimsFilter(ChatBotContentCache contents) : IReplyFilter
{
    public string Name => "unsupported-claims";

    public ReplyFilterScope Scope => ReplyFilterScope.Generated;

    public ValueTask<ReplyFilterResult> CheckAsync(TurnContext turn, Activity reply, string text, CancellationToken cancellationToken)
    {
        var content = contents.Get(turn.Bot);
        var settings = content.Settings.Filters.Claims;
        if (!settings.Enabled)
        {
            return ValueTask.FromResult(ReplyFilterResult.Pass(text));
        }

        var check = content.Claims.Check(text, Sources(turn, content), settings, content.Replies.Text(ChatBotReplies.SourcesHeading, turn.Locale));
        return ValueTask.FromResult(SentenceRemoval.Result(check.Verdict, text, check.Text, check.Reason));
    }

    /// <summary>The turn's source clauses, read once per grounding context (streamed sentences reuse them).</summary>
    private static ClaimSources Sources(TurnContext turn, ChatBotContent content)
    {
        var grounding = turn.Features.Get<GroundingContext>();
        var cached = turn.Features.Get<TurnClaims>();
        if (cached is not null && ReferenceEquals(cached.Grounding, grounding) && ReferenceEquals(cached.Content, content))
        {
            return cached.Sources;
        }

        var sources = content.Claims.Index(ReplySources.Of(turn, content).Texts);
        turn.Features.Set(new TurnClaims(grounding, content, sources));
        return sources;
    }

    private sealed record TurnClaims(GroundingContext? Grounding, ChatBotContent Content, ClaimSources Sources);
}
