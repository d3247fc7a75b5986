using ServiceBot.Abstractions.Bots;

namespace ServiceBot.TaskBot.Dialogs;

/// <summary>One piece of information a workflow needs.</summary>
public sealed class SlotDefinition
{
    public string Name { get; set; } = "";

    /// <summary>A built-in type (<c>order-number</c>, <c>date</c>, <c>amount</c>…) or one from the bot's <c>types.yaml</c>.</summary>
    public string Type { get; set; } = "text";

    public LocalizedText? Prompt { get; set; }

    /// <summary>Prompts for one channel id (<c>msteams</c>, <c>slack</c>), same shape as <see cref="Prompt"/>.</summary>
    public Dictionary<string, LocalizedText> ChannelPrompts { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Said when a value was recognised but is not acceptable; <c>{value}</c> is the value.</summary>
    public LocalizedText? Invalid { get; set; }

    /// <summary>Offered as buttons with the prompt; entity types offer their values when this is empty.</summary>
    public List<string> Buttons { get; set; } = [];

    /// <summary>How many times the slot is asked before the bot gives up and offers a human.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The slot is only asked when these slot values hold (branching).</summary>
    public Dictionary<string, ConditionValue>? When { get; set; }

    /// <summary>An action that checks the value with the backend (e.g. that the order exists).</summary>
    public string? Check { get; set; }

    /// <summary>A sub-dialog that fills this slot and any slots it shares names with.</summary>
    public string? Dialog { get; set; }

    public SlotValidation? Validate { get; set; }

    /// <summary>A value used when the customer gives none and the slot is not asked (e.g. <c>normal</c> invoice).</summary>
    public string? Default { get; set; }
}
