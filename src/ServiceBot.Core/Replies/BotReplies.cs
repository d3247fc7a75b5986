using System.Runtime.CompilerServices;
using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.Turns;
using ServiceBot.Content;

namespace ServiceBot.Core.Replies;

/// <summary>
/// The replies the core itself sends (welcome, out of domain, error, busy…): the bot's
/// <c>replies</c> section, falling back to the core's own defaults for keys a bot leaves out.
/// </summary>
/// <remarks>Thread-safe; each bot's section is read once per loaded definition.</remarks>
internal sealed class BotReplies
{
    public const string Welcome = "welcome";
    public const string OutOfDomain = "out-of-domain";
    public const string Error = "error";
    public const string Busy = "busy";
    public const string ConflictRetry = "conflict-retry";
    public const string GeneratedBlocked = "generated-blocked";
    public const string HandoffOffer = "handoff-offer";

    private static readonly Dictionary<string, LocalizedText> Defaults = LoadDefaults();
    private readonly ConditionalWeakTable<BotDefinition, Dictionary<string, LocalizedText>> _byBot = [];

    /// <summary>The text for <paramref name="key"/> in <paramref name="locale"/>.</summary>
    public string Text(BotDefinition bot, string key, string locale)
    {
        var replies = _byBot.GetValue(bot, static b => b.GetSettings<Dictionary<string, LocalizedText>>("replies"));
        if (replies.TryGetValue(key, out var text) || Defaults.TryGetValue(key, out text))
        {
            return text.Pick(locale);
        }

        throw new InvalidOperationException($"No reply '{key}' is defined, not even by default.");
    }

    /// <summary>A message with <paramref name="key"/>'s text.</summary>
    public Activity Create(TurnContext turn, string key) => turn.CreateReply(Text(turn.Bot, key, turn.Locale));

    /// <summary>Adds the "talk to a human" button to a reply.</summary>
    public Activity WithHandoffOffer(TurnContext turn, Activity reply)
    {
        var title = Text(turn.Bot, HandoffOffer, turn.Locale);
        reply.SuggestedActions ??= new SuggestedActions();
        if (!reply.SuggestedActions.Actions.Exists(a => a.Title == title))
        {
            reply.SuggestedActions.Actions.Add(new CardAction
            {
                Type = CardActionTypes.ImBack,
                Title = title,
                Value = System.Text.Json.JsonSerializer.SerializeToElement(title),
            });
        }

        return reply;
    }

    private static Dictionary<string, LocalizedText> LoadDefaults()
    {
        return YamlContent.LoadEmbedded(typeof(BotReplies).Assembly, "ServiceBot.Core.default-replies.yaml").Bind<Dictionary<string, LocalizedText>>();
    }
}
