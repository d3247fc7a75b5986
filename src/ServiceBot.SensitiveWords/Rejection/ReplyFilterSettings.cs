namespace ServiceBot.SensitiveWords.Rejection;

/// <summary>The <c>rejector.reply-filter</c> section: the same word lists applied to every outgoing reply.</summary>
internal sealed class ReplyFilterSettings
{
    public bool Enabled { get; set; } = true;

    /// <summary>Mask repairs the reply; Block replaces it with the bot's safe fallback.</summary>
    public RejectAction Action { get; set; } = RejectAction.Mask;

    /// <summary>Categories checked in replies; empty means every category whose message action is stronger than log.</summary>
    public List<string> Categories { get; set; } = [];
}
