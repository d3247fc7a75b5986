using ServiceBot.Abstractions.Bots;

namespace ServiceBot.TaskBot.Dialogs;

/// <summary>The confirmation step.</summary>
public sealed class ConfirmDefinition
{
    public LocalizedText? Prompt { get; set; }

    /// <summary>Said when the customer declines to confirm; the dialog then asks what to change.</summary>
    public LocalizedText? Declined { get; set; }
}
