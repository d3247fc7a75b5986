using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Filters;
using ServiceBot.Abstractions.Turns;
using ServiceBot.ChatBot.Content;
using ServiceBot.ChatBot.Filters.Facts;

namespace ServiceBot.ChatBot.Filters;

/// <summary>
/// Post-generation check that every checkable fact of a generated reply (amounts, durations, times,
/// phones, URLs, identifiers, names, …) is stated by its sources: the grounding passages, what the
/// customer said, the persona and the bot's allow-list. Unsupported sentences are removed (up to the
/// configured number), otherwise the reply is blocked and the safe alternative is sent.
/// </summary>
/// <remarks>Runs on generated replies only. Without a <see cref="GroundingContext"/> every fact is unsupported. Thread-safe.</remarks>
internal sealed class UnsupportedFactsFilter(ChatBotContentCache contents) : IReplyFilter
{
    public string Name => "unsupported-facts";

    public ReplyFilterScope Scope => ReplyFilterScope.Generated;

    public ValueTask<ReplyFilterResult> CheckAsync(TurnContext turn, Activity reply, string text, CancellationToken cancellationToken)
    {
        var content = contents.Get(turn.Bot);
        var settings = content.Settings.Filters.Facts;
        if (!settings.Enabled)
        {
            return ValueTask.FromResult(ReplyFilterResult.Pass(text));
        }

        var index = Sources(turn, content);
        var check = FactChecker.Check(text, index, content.Facts, settings, content.Replies.Text(ChatBotReplies.SourcesHeading, turn.Locale));
        return ValueTask.FromResult(SentenceRemoval.Result(check.Verdict, text, check.Text, check.Reason));
    }

    /// <summary>The turn's fact index, built once per grounding context (streamed sentences reuse it).</summary>
    private static FactIndex Sources(TurnContext turn, ChatBotContent content)
    {
        var grounding = turn.Features.Get<GroundingContext>();
        var cached = turn.Features.Get<TurnFacts>();
        if (cached is not null && ReferenceEquals(cached.Grounding, grounding) && ReferenceEquals(cached.Content, content))
        {
            return cached.Index;
        }

        var sources = ReplySources.Of(turn, content);
        var index = FactIndex.Build(sources.Texts, content.Facts, sources.CustomerCount);
        turn.Features.Set(new TurnFacts(grounding, content, index));
        return index;
    }

    private sealed record TurnFacts(GroundingContext? Grounding, ChatBotContent Content, FactIndex Index);
}
