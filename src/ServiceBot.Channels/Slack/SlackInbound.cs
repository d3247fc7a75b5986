namespace ServiceBot.Channels.Slack;

/// <summary>A customer message from Slack, reduced to what a turn needs.</summary>
/// <param name="ConversationId">ServiceBot's conversation: <c>team:channel</c>, plus <c>:thread_ts</c> for a thread.</param>
/// <param name="Channel">The Slack channel (or DM) id replies go to.</param>
/// <param name="ThreadTs">The thread replies go into; null to answer inline.</param>
/// <param name="UserId">The Slack user who wrote.</param>
/// <param name="BotUserId">The bot's own user id in that workspace, when Slack said.</param>
/// <param name="Text">The text with the bot's mention removed and Slack's markup decoded.</param>
/// <param name="Ts">The message's own <c>ts</c> (its id); for a button click, the click's <c>action_ts</c>.</param>
/// <param name="IsDirect">True for a direct message, false for a channel.</param>
internal sealed record SlackInbound(string ConversationId, string Channel, string? ThreadTs, string UserId, string? BotUserId, string Text, string Ts, bool IsDirect);
