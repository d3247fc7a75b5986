namespace ServiceBot.TaskBot.Runtime;

/// <summary>
/// TaskBot's section of the conversation state: the dialog stack (a sub-dialog above the dialog that
/// started it), a pending "switch workflow?" question and when the customer last moved it on.
/// Persisted with the conversation, so any replica continues the dialog.
/// </summary>
internal sealed class TaskBotState
{
    public const string Section = "taskbot";

    public List<DialogFrame> Stack { get; set; } = [];

    public PendingSwitch? Switch { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
