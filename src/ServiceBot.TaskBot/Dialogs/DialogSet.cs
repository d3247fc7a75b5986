using ServiceBot.TaskBot.Extraction;

namespace ServiceBot.TaskBot.Dialogs;

/// <summary>A bot's checked dialogs with the slot types they use.</summary>
public sealed class DialogSet(IReadOnlyDictionary<string, DialogDefinition> dialogs, SlotTypeRegistry types)
{
    public IReadOnlyDictionary<string, DialogDefinition> Dialogs { get; } = dialogs;

    public SlotTypeRegistry Types { get; } = types;

    public DialogDefinition Get(string id) => Dialogs[id];
}
