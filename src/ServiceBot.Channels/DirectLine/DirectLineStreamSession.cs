using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ServiceBot.Abstractions.Activities;

namespace ServiceBot.Channels.DirectLine;

/// <summary>
/// One WebSocket stream of a Direct Line conversation: the backlog after the client's watermark as
/// one <c>ActivitySet</c>, then each activity as it is stored or published, and an empty message when
/// idle so proxies keep the connection open.
/// </summary>
/// <remarks>The stream is receive-only, as in Direct Line; what the client sends is read and ignored, except a close.</remarks>
internal sealed partial class DirectLineStreamSession(WebSocket socket, DirectLineConversation conversation, TimeSpan keepAlive, ILogger logger)
{
    public async Task RunAsync(long watermark, CancellationToken cancellationToken)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var (backlog, last, updates) = conversation.Subscribe(watermark);
        var reading = DrainAsync(done);
        try
        {
            if (backlog.Count > 0)
            {
                await SendAsync(new DirectLineActivitySet { Activities = backlog, Watermark = last.ToString(CultureInfo.InvariantCulture) }, done.Token).ConfigureAwait(false);
            }

            while (!done.IsCancellationRequested)
            {
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(done.Token);
                idle.CancelAfter(keepAlive);
                bool more;
                try
                {
                    more = await updates.WaitToReadAsync(idle.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!done.IsCancellationRequested)
                {
                    await socket.SendAsync(ReadOnlyMemory<byte>.Empty, WebSocketMessageType.Text, endOfMessage: true, done.Token).ConfigureAwait(false);
                    continue;
                }

                if (!more)
                {
                    // The conversation ended this stream (forgotten, or the client fell too far behind): close so it reconnects.
                    break;
                }

                while (updates.TryRead(out var set))
                {
                    await SendAsync(set, done.Token).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            LogStreamEnded(logger, conversation.Id, e.GetType().Name);
        }
        finally
        {
            conversation.Unsubscribe(updates);
            await CloseAsync().ConfigureAwait(false);
            await done.CancelAsync().ConfigureAwait(false);
            await reading.ConfigureAwait(false);
        }
    }

    private async Task CloseAsync()
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "stream ended", timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The peer is gone; there is nobody left to tell.
        }
    }

    private Task SendAsync(DirectLineActivitySet set, CancellationToken cancellationToken) =>
        socket.SendAsync(new ReadOnlyMemory<byte>(JsonSerializer.SerializeToUtf8Bytes(set, ActivityJson.Options)), WebSocketMessageType.Text, endOfMessage: true, cancellationToken).AsTask();

    // Reads (and drops) what the client sends, to notice its close; ends the session when it comes.
    private async Task DrainAsync(CancellationTokenSource done)
    {
        var buffer = new byte[1024];
        try
        {
            while (!done.IsCancellationRequested)
            {
                var received = await socket.ReceiveAsync(buffer, done.Token).ConfigureAwait(false);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The client went away or the session is ending: either way the stream stops.
        }

        await done.CancelAsync().ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Direct Line stream of {ConversationId} ended ({Reason}).")]
    private static partial void LogStreamEnded(ILogger logger, string conversationId, string reason);
}
