using ServiceBot.Abstractions.Bots;
using ServiceBot.Content;
using ServiceBot.TaskBot.Dialogs;

namespace ServiceBot.TaskBot.Content;

/// <summary>TaskBot's own texts: the built-in ones, overridden by the bot's <c>taskbot.replies</c>.</summary>
internal sealed class TaskBotReplies
{
    public const string Cancelled = "cancelled";
    public const string NotUnderstood = "not-understood";
    public const string GiveUp = "give-up";
    public const string SwitchQuestion = "switch-question";
    public const string SwitchDeclined = "switch-declined";
    public const string Resume = "resume";
    public const string BackendError = "backend-error";
    public const string ConfirmDeclined = "confirm-declined";
    public const string ConfirmAgain = "confirm-again";
    public const string Updated = "updated";
    public const string HandoffOffer = "handoff-offer";

    private static readonly Dictionary<string, LocalizedText> Defaults = LoadDefaults();
    private readonly Dictionary<string, LocalizedText> _texts;

    /// <summary>The built-in texts, the bot's handoff button title, then the bot's own TaskBot texts.</summary>
    /// <param name="botReplies">The bot's <c>replies</c> section: its handoff button title is used here too.</param>
    /// <param name="overrides">The bot's <c>taskbot.replies</c>.</param>
    public TaskBotReplies(IReadOnlyDictionary<string, LocalizedText> botReplies, IReadOnlyDictionary<string, LocalizedText> overrides)
    {
        _texts = new Dictionary<string, LocalizedText>(Defaults, StringComparer.Ordinal);
        if (botReplies.TryGetValue(HandoffOffer, out var handoff))
        {
            _texts[HandoffOffer] = handoff;
        }

        foreach (var (key, text) in overrides)
        {
            _texts[key] = text;
        }
    }

    /// <summary>The text for <paramref name="key"/> with <c>{name}</c> variables filled from <paramref name="values"/>.</summary>
    public string Format(string key, string locale, params (string Name, string Value)[] values) =>
        TemplateText.Fill(_texts[key].Pick(locale), name => Array.Find(values, v => v.Name == name).Value);

    private static Dictionary<string, LocalizedText> LoadDefaults()
    {
        return YamlContent.LoadEmbedded(typeof(TaskBotReplies).Assembly, "ServiceBot.TaskBot.replies.yaml").Bind<Dictionary<string, LocalizedText>>();
    }
}
