namespace ServiceBot.KbBot.Responding;

/// <summary>What the KB-Bot remembers in a conversation (state section <c>kbbot</c>).</summary>
internal sealed class KbConversationState
{
    public const string Section = "kbbot";

    /// <summary>The "did you mean" questions last offered, so a click answers directly and counts as an annotation.</summary>
    public List<OfferedSuggestion> Suggestions { get; set; } = [];

    /// <summary>The turn that offered <see cref="Suggestions"/>.</summary>
    public string? SuggestedTurnId { get; set; }

    /// <summary>The FAQ last answered, for follow-ups when the turn summary carries no topic.</summary>
    public string? LastFaqId { get; set; }

    public DateTimeOffset? LastAnsweredAt { get; set; }
}
