namespace ServiceBot.Channels.BotFramework;

/// <summary>A reply could not be delivered to a Bot Framework channel; the message says where and why (never a secret).</summary>
internal sealed class ConnectorException : Exception
{
    public ConnectorException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
