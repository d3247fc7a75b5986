using ServiceBot.Abstractions.Logging;

namespace ServiceBot.Channels.Slack;

/// <summary>One queued piece of Slack work: a message to answer, or a rating to store.</summary>
internal sealed record SlackWork(SlackInbound Inbound, FeedbackKind? Rating = null, string? RatedTurnId = null)
{
    public bool IsRating => Rating is not null;
}
