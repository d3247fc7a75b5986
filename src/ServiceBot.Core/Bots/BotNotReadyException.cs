namespace ServiceBot.Core.Bots;

/// <summary>A turn arrived for a bot that is still loading or failed to load.</summary>
public sealed class BotNotReadyException : Exception
{
    public BotNotReadyException(string botId, string? reason)
        : base(reason is null ? $"Bot '{botId}' is still loading." : $"Bot '{botId}' failed to load: {reason}")
    {
        BotId = botId;
        Reason = reason;
    }

    public string BotId { get; }

    public string? Reason { get; }
}
