using Microsoft.Extensions.Logging;
using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Turns;
using ServiceBot.Channels.Hosting;

namespace ServiceBot.Channels.BotFramework;

/// <summary>
/// Shows the Bot Framework channel a typing indicator while a turn runs. Teams and Azure Web Chat
/// get whole replies only, so partial text is not sent.
/// </summary>
/// <remarks>Typing is sent at most once every few seconds; a failure to send it never fails the turn.</remarks>
internal sealed partial class BotFrameworkReplyStream(ConnectorClient connector, Activity incoming, TimeProvider time, ILogger logger) : IReplyStream
{
    private static readonly TimeSpan TypingInterval = TimeSpan.FromSeconds(3);
    private long _lastTyping = long.MinValue;

    public bool SupportsStreaming => false;

    public async ValueTask SendTypingAsync(CancellationToken cancellationToken)
    {
        var now = time.GetTimestamp();
        var last = Interlocked.Read(ref _lastTyping);
        if (last != long.MinValue && time.GetElapsedTime(last, now) < TypingInterval)
        {
            return;
        }

        Interlocked.Exchange(ref _lastTyping, now);
        try
        {
            var typing = ActivityAddressing.Typing(incoming);
            typing.ReplyToId = null;
            await connector.SendAsync(typing, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorException e)
        {
            LogTypingFailed(logger, e.Message);
        }
    }

    public ValueTask AppendAsync(string streamId, string text, Activity template, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    [LoggerMessage(Level = LogLevel.Debug, Message = "A typing indicator could not be sent: {Reason}")]
    private static partial void LogTypingFailed(ILogger logger, string reason);
}
