using ServiceBot.Abstractions.Bots;

namespace ServiceBot.TaskBot.Dialogs;

/// <summary>
/// One workflow as its <c>dialogs/&lt;bot&gt;/&lt;id&gt;.yaml</c> file defines it: the examples that
/// trigger it, the slots it fills, the confirmation it asks for, the backend actions it calls and the
/// replies it ends with. Bound from YAML; <see cref="DialogLoader"/> checks it before use.
/// </summary>
public sealed class DialogDefinition
{
    public string Id { get; set; } = "";

    /// <summary>How the workflow is named to the customer ("退货申请" / "your return").</summary>
    public LocalizedText? Title { get; set; }

    /// <summary>Example utterances per language (<c>zh</c>, <c>en</c>) the intent classifier learns the workflow from.</summary>
    public Dictionary<string, List<string>> Examples { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>False for a sub-dialog that only other dialogs start.</summary>
    public bool Triggerable { get; set; } = true;

    /// <summary>For a sub-dialog: slots it receives from the dialog that starts it (e.g. the <c>order_id</c> to verify against).</summary>
    public List<string> Inputs { get; set; } = [];

    public List<SlotDefinition> Slots { get; set; } = [];

    /// <summary>The question asked once every slot is filled, before the completing actions run; none when null.</summary>
    public ConfirmDefinition? Confirm { get; set; }

    /// <summary>Backend calls, by id; slots use them as checks, completion calls them in order.</summary>
    public List<ActionDefinition> Actions { get; set; } = [];

    public CompletionDefinition Complete { get; set; } = new();
}
