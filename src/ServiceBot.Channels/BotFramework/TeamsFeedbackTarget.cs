namespace ServiceBot.Channels.BotFramework;

/// <summary>The turn behind a message the bot sent on a Bot Framework channel, so a rating of the message reaches the turn.</summary>
internal sealed record TeamsFeedbackTarget(string BotId, string ConversationId, string TurnId);
