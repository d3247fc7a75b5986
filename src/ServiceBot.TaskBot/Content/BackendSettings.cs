namespace ServiceBot.TaskBot.Content;

/// <summary>One backend the dialogs' actions call.</summary>
internal sealed class BackendSettings
{
    public string? Url { get; set; }
}
