namespace ServiceBot.Core.Stages;

/// <summary>The <c>router</c> section of a bot definition.</summary>
internal sealed class RouterSettings
{
    /// <summary>Responders in the order they are asked; the first confident answer wins.</summary>
    public List<string> Responders { get; set; } = ["taskbot", "kbbot", "chatbot"];
}
