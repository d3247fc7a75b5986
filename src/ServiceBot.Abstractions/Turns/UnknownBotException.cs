namespace ServiceBot.Abstractions.Turns;

/// <summary>A request named a bot this server does not host.</summary>
public sealed class UnknownBotException : Exception
{
    public UnknownBotException(string botId)
        : base($"There is no bot '{botId}' on this server.") => BotId = botId;

    public string BotId { get; }
}
