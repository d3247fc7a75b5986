namespace ServiceBot.TaskBot.Runtime;

/// <summary>A workflow the customer asked for while another had progress, waiting for "leave the current one?".</summary>
internal sealed class PendingSwitch
{
    public string Dialog { get; set; } = "";

    /// <summary>The message that asked for it (normalized), read for slots when the switch happens.</summary>
    public string Text { get; set; } = "";
}
