namespace ServiceBot.TaskBot.Dialogs;

/// <summary>The bot's own slot types (<c>dialogs/&lt;bot&gt;/types.yaml</c>): entity lists with synonyms, or patterns.</summary>
public sealed class SlotTypeFile
{
    public Dictionary<string, SlotTypeDefinition> Types { get; set; } = new(StringComparer.Ordinal);
}
