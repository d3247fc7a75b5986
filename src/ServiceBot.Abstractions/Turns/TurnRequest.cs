namespace ServiceBot.Abstractions.Turns;

/// <summary>How a channel asks for a turn to be processed.</summary>
public sealed class TurnRequest
{
    /// <summary>A request for the default bot with no streaming.</summary>
    public static TurnRequest Default { get; } = new();

    /// <summary>The bot to talk to; null for the server's default bot.</summary>
    public string? BotId { get; init; }

    /// <summary>Where replies that arrive before the turn ends go (typing, streamed text); null when the channel only takes whole replies.</summary>
    public IReplyStream? Stream { get; init; }
}
