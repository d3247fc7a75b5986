using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Filters;
using ServiceBot.Abstractions.Turns;
using ServiceBot.SensitiveWords.WordLists;

namespace ServiceBot.SensitiveWords.Rejection;

/// <summary>
/// Applies the bot's word lists to every outgoing reply (<see cref="ReplyFilterScope.All"/>, so
/// FAQ answers and templates are checked as well as generated text): words of the categories in
/// <c>rejector.reply-filter.categories</c> (by default those whose message action is stronger than
/// log) are masked (Repaired), or the reply is Blocked when the bot's
/// <c>rejector.reply-filter.action</c> is block. Thread-safe.
/// </summary>
internal sealed class SensitiveWordReplyFilter(RejectorRegistry registry) : IReplyFilter
{
    public string Name => "sensitive-words";

    public ReplyFilterScope Scope => ReplyFilterScope.All;

    public ValueTask<ReplyFilterResult> CheckAsync(TurnContext turn, Activity reply, string text, CancellationToken cancellationToken)
    {
        var rejector = registry.Get(turn.Bot);
        var settings = rejector.Settings.ReplyFilter;
        if (!settings.Enabled || text.Length == 0)
        {
            return ValueTask.FromResult(ReplyFilterResult.Pass(text));
        }

        var found = rejector.Matcher.Find(text);
        List<SensitiveWordMatch>? hits = null;
        foreach (var match in found)
        {
            if (rejector.IsCheckedInReplies(match))
            {
                (hits ??= []).Add(match);
            }
        }

        if (hits is null)
        {
            return ValueTask.FromResult(ReplyFilterResult.Pass(text));
        }

        var categories = string.Join(",", hits.Select(h => h.Category).Distinct(StringComparer.Ordinal));
        return ValueTask.FromResult(settings.Action == RejectAction.Block
            ? ReplyFilterResult.Blocked(text, "sensitive words: " + categories)
            : ReplyFilterResult.Repaired(SensitiveWordMatcher.Mask(text, hits), "masked: " + categories));
    }
}
