namespace ServiceBot.TaskBot.Dialogs;

/// <summary>
/// A slot type defined as data: either a list of values, each with labels and synonyms the customer
/// may say, or a regular expression (which may also redefine a built-in pattern type such as
/// <c>order-number</c> for the company's own format).
/// </summary>
public sealed class SlotTypeDefinition
{
    public List<EntityValue> Values { get; set; } = [];

    /// <summary>A regular expression; the first match (or its group <c>value</c>) is the slot value.</summary>
    public string? Pattern { get; set; }

    /// <summary>True when a pattern match is upper-cased before it is stored (order numbers typed in lower case).</summary>
    public bool UpperCase { get; set; }
}
