namespace ServiceBot.Core.Pipeline;

/// <summary>The <c>pipeline</c> section of a bot definition.</summary>
internal sealed class BotPipelineSettings
{
    /// <summary>Stages switched off for this bot.</summary>
    public List<string> Disabled { get; set; } = [];
}
