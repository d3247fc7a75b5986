namespace ServiceBot.Core.Bots;

/// <summary>Where a bot is in loading.</summary>
public enum BotLoadState
{
    Loading = 0,
    Ready,
    Failed,
}
