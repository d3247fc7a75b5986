using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.Turns;
using ServiceBot.Content;

namespace ServiceBot.ChatBot.Content;

/// <summary>
/// The texts the ChatBot sends itself: the bot's <c>chatbot.replies</c> first, then its core
/// <c>replies</c> section, then the built-in defaults (both languages).
/// </summary>
/// <remarks>Immutable; safe to share.</remarks>
internal sealed class ChatBotReplies
{
    public const string OutOfDomain = "out-of-domain";
    public const string DidYouMean = "did-you-mean";
    public const string HandoffOffer = "handoff-offer";
    public const string SourcesHeading = "sources-heading";
    public const string GeneratedBlocked = "generated-blocked";

    private static readonly Dictionary<string, LocalizedText> Defaults = LoadDefaults();
    private readonly Dictionary<string, LocalizedText> _own;
    private readonly Dictionary<string, LocalizedText> _bot;

    public ChatBotReplies(Dictionary<string, LocalizedText> own, Dictionary<string, LocalizedText> bot)
    {
        _own = own;
        _bot = bot;
    }

    public string Text(string key, string locale) =>
        (_own.GetValueOrDefault(key) ?? _bot.GetValueOrDefault(key) ?? Defaults.GetValueOrDefault(key))?.Pick(locale)
        ?? throw new InvalidOperationException($"No ChatBot reply '{key}' is defined, not even by default.");

    /// <summary>Adds the "talk to a human" suggested action once.</summary>
    public Activity WithHandoffOffer(TurnContext turn, Activity reply)
    {
        var title = Text(HandoffOffer, turn.Locale);
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
        return YamlContent.LoadEmbedded(typeof(ChatBotReplies).Assembly, "ServiceBot.ChatBot.chatbot-replies.yaml").Bind<Dictionary<string, LocalizedText>>();
    }
}
