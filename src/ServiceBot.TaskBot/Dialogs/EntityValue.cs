using ServiceBot.Abstractions.Bots;

namespace ServiceBot.TaskBot.Dialogs;

/// <summary>One value of an entity list.</summary>
public sealed class EntityValue
{
    /// <summary>The canonical value stored in the slot and sent to the backend.</summary>
    public string Value { get; set; } = "";

    /// <summary>How the value is shown to the customer per language; the value itself when absent.</summary>
    public LocalizedText? Label { get; set; }

    /// <summary>Other ways customers say it, in any language.</summary>
    public List<string> Synonyms { get; set; } = [];
}
