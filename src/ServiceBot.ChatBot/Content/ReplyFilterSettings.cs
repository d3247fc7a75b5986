namespace ServiceBot.ChatBot.Content;

/// <summary>The post-generation filters of a bot (<c>chatbot.filters</c>).</summary>
internal sealed class ReplyFilterSettings
{
    public FactFilterSettings Facts { get; set; } = new();

    public ClaimFilterSettings Claims { get; set; } = new();

    /// <summary>The operator fast-fix rules file, reloaded when it changes; none when null.</summary>
    public string? Fastfix { get; set; }

    public RepetitionSettings Repetition { get; set; } = new();

    public EntailmentSettings Entailment { get; set; } = new();
}
