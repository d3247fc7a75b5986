using System.Text;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Content;

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

    private static readonly Dictionary<string, LocalizedText> Defaults = LoadDefaults();
    private readonly Dictionary<string, LocalizedText> _texts;

    public TaskBotReplies(IReadOnlyDictionary<string, LocalizedText> overrides)
    {
        _texts = new Dictionary<string, LocalizedText>(Defaults, StringComparer.Ordinal);
        foreach (var (key, text) in overrides)
        {
            _texts[key] = text;
        }
    }

    /// <summary>The text for <paramref name="key"/> with <c>{name}</c> variables filled from <paramref name="values"/>.</summary>
    public string Format(string key, string locale, params ReadOnlySpan<(string Name, string Value)> values)
    {
        var builder = new StringBuilder(_texts[key].Pick(locale));
        foreach (var (name, value) in values)
        {
            builder.Replace("{" + name + "}", value);
        }

        return builder.ToString();
    }

    private static Dictionary<string, LocalizedText> LoadDefaults()
    {
        using var stream = typeof(TaskBotReplies).Assembly.GetManifestResourceStream("ServiceBot.TaskBot.replies.yaml")
            ?? throw new InvalidOperationException("TaskBot's built-in replies are missing from the assembly.");
        using var reader = new StreamReader(stream);
        return YamlContent.Parse(reader.ReadToEnd(), "replies.yaml").Bind<Dictionary<string, LocalizedText>>();
    }
}
