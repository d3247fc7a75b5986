using ServiceBot.Abstractions.Bots;

namespace ServiceBot.SensitiveWords.Rejection;

/// <summary>The <c>rejector:</c> section of bot.yaml.</summary>
internal sealed class RejectorSettings
{
    public const string Section = "rejector";

    public List<WordListSetting> Lists { get; set; } = [];

    /// <summary>Action per category; categories not listed get <see cref="DefaultAction"/>.</summary>
    public Dictionary<string, RejectAction> Actions { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public RejectAction DefaultAction { get; set; } = RejectAction.Block;

    public PiiSettings Pii { get; set; } = new();

    public InjectionSettings Injection { get; set; } = new();

    public ReplyFilterSettings ReplyFilter { get; set; } = new();

    /// <summary>Replies by key (blocked, handoff, injection); missing ones come from the built-in defaults.</summary>
    public Dictionary<string, LocalizedText> Replies { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
