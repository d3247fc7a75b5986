namespace ServiceBot.Abstractions.Logging;

/// <summary>What a customer or operator said about a reply.</summary>
/// <param name="TurnId">The turn whose reply is rated.</param>
/// <param name="Kind">Thumbs up or down, or a suggestion taken.</param>
/// <param name="Comment">Optional free text.</param>
/// <param name="At">When it was given.</param>
public sealed record TurnFeedback(string TurnId, FeedbackKind Kind, string? Comment, DateTimeOffset At);
