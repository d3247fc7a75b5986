namespace ServiceBot.Abstractions.Logging;

/// <summary>Kinds of feedback on a reply.</summary>
public enum FeedbackKind
{
    ThumbsUp = 0,
    ThumbsDown,

    /// <summary>The customer clicked a "did you mean" suggestion: a positive annotation for that FAQ.</summary>
    SuggestionTaken,
}
