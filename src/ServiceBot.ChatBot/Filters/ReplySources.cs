using ServiceBot.Abstractions.Filters;
using ServiceBot.Abstractions.Turns;
using ServiceBot.ChatBot.Content;

namespace ServiceBot.ChatBot.Filters;

/// <summary>
/// What a generated reply may rely on: the question, the grounding passages, what the customer said
/// in recent turns, the persona and the bot's allow-list. The fact and claim checks read the same list.
/// </summary>
internal static class ReplySources
{
    /// <summary>The sources of <paramref name="turn"/>; what the customer said comes first.</summary>
    public static ReplySourceTexts Of(TurnContext turn, ChatBotContent content)
    {
        var sources = new List<string> { turn.Text };
        sources.AddRange(turn.State.RecentTurns.Select(t => t.UserText));
        var customer = sources.Count;
        var grounding = turn.Features.Get<GroundingContext>();
        if (grounding is not null)
        {
            sources.AddRange(grounding.Passages.Select(p => p.Title + "\n" + p.Text));
        }

        sources.AddRange(content.Persona.AllValues());
        sources.AddRange(content.Facts.Rules.Allow);
        return new ReplySourceTexts(sources, customer);
    }
}
