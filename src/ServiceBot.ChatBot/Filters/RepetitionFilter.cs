using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Filters;
using ServiceBot.Abstractions.Turns;
using ServiceBot.ChatBot.Content;

namespace ServiceBot.ChatBot.Filters;

/// <summary>
/// Catches generation loops. A loop that starts after a complete first part is cut back to the text
/// before it plus one copy of the unit; a reply that is mostly repetition is blocked.
/// </summary>
/// <remarks>Runs on generated replies only. Thread-safe.</remarks>
internal sealed class RepetitionFilter(ChatBotContentCache contents) : IReplyFilter
{
    public string Name => "repetition";

    public ReplyFilterScope Scope => ReplyFilterScope.Generated;

    public ValueTask<ReplyFilterResult> CheckAsync(TurnContext turn, Activity reply, string text, CancellationToken cancellationToken)
    {
        var settings = contents.Get(turn.Bot).Settings.Filters.Repetition;
        if (!settings.Enabled)
        {
            return ValueTask.FromResult(ReplyFilterResult.Pass(text));
        }

        var loop = RepetitionDetector.Find(text, settings);
        if (loop is null)
        {
            return ValueTask.FromResult(ReplyFilterResult.Pass(text));
        }

        if (loop.Start >= 0)
        {
            var kept = text[..(loop.Start + loop.Unit)].Trim();
            if (kept.Length > loop.Unit && RepetitionDetector.Find(kept, settings) is null)
            {
                return ValueTask.FromResult(ReplyFilterResult.Repaired(kept, $"repetition-{loop.Rule}: a {loop.Unit}-character unit repeats"));
            }
        }

        return ValueTask.FromResult(ReplyFilterResult.Blocked(text, $"repetition-{loop.Rule}"));
    }
}
