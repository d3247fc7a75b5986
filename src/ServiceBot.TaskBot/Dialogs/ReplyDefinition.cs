using ServiceBot.Abstractions.Bots;

namespace ServiceBot.TaskBot.Dialogs;

/// <summary>A reply template with an optional condition on slot values.</summary>
public sealed class ReplyDefinition
{
    public Dictionary<string, ConditionValue>? When { get; set; }

    public LocalizedText? Text { get; set; }

    public Dictionary<string, LocalizedText> Channels { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
