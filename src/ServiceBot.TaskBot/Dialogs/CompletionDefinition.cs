namespace ServiceBot.TaskBot.Dialogs;

/// <summary>What happens when every slot is filled and confirmed.</summary>
public sealed class CompletionDefinition
{
    /// <summary>Action ids called in order; a failure stops the rest.</summary>
    public List<string> Call { get; set; } = [];

    /// <summary>Replies; the first whose <see cref="ReplyDefinition.When"/> holds is sent.</summary>
    public List<ReplyDefinition> Replies { get; set; } = [];
}
