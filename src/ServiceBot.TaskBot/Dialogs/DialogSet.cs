using ServiceBot.TaskBot.Extraction;

namespace ServiceBot.TaskBot.Dialogs;

/// <summary>A bot's checked dialogs with the slot types they use.</summary>
public sealed class DialogSet(IReadOnlyDictionary<string, DialogDefinition> dialogs, SlotTypeRegistry types, IReadOnlyDictionary<string, string> files)
{
    public IReadOnlyDictionary<string, DialogDefinition> Dialogs { get; } = dialogs;

    public SlotTypeRegistry Types { get; } = types;

    /// <summary>The file each dialog was read from, for messages and the <c>*.test.yaml</c> scripts beside it.</summary>
    public IReadOnlyDictionary<string, string> Files { get; } = files;

    public DialogDefinition Get(string id) => Dialogs[id];
}
