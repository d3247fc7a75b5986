using System.Text;
using Microsoft.Extensions.Logging;
using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Turns;

namespace ServiceBot.Channels.Slack;

/// <summary>
/// Shows a Slack reply while it is generated: the first checked sentences are posted as a message,
/// which is updated as more arrive (at most once a second) and finally replaced by the full reply.
/// </summary>
/// <remarks>
/// Slack has no typing indicator for bots, so typing is not shown. A failed post or update only
/// stops the live preview; the final reply is still sent. Used by one turn, one call at a time.
/// </remarks>
internal sealed partial class SlackReplyStream(SlackWebApi api, SlackInbound inbound, bool enabled, TimeProvider time, ILogger logger) : IReplyStream
{
    private static readonly TimeSpan UpdateInterval = TimeSpan.FromSeconds(1);
    private readonly StringBuilder _text = new();
    private string? _streamId;
    private string? _ts;
    private long _lastUpdate;
    private bool _broken;

    public bool SupportsStreaming => enabled;

    /// <summary>The <c>ts</c> of the message showing the live reply, once one was posted.</summary>
    public string? MessageTs => _ts;

    /// <summary>The id of the stream shown, so the final reply for it can replace the preview.</summary>
    public string? StreamId => _streamId;

    public ValueTask SendTypingAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public async ValueTask AppendAsync(string streamId, string text, Activity template, CancellationToken cancellationToken)
    {
        if (!enabled || _broken || (_streamId is not null && _streamId != streamId))
        {
            return;
        }

        _streamId = streamId;
        _text.Append(text);
        var now = time.GetTimestamp();
        try
        {
            if (_ts is null)
            {
                _ts = await api.PostMessageAsync(inbound.Channel, inbound.ThreadTs, SlackRenderer.Partial(_text.ToString()), cancellationToken).ConfigureAwait(false);
                _lastUpdate = now;
            }
            else if (time.GetElapsedTime(_lastUpdate, now) >= UpdateInterval)
            {
                await api.UpdateAsync(inbound.Channel, _ts, SlackRenderer.Partial(_text.ToString()), cancellationToken).ConfigureAwait(false);
                _lastUpdate = now;
            }
        }
        catch (SlackApiException e)
        {
            _broken = true;
            LogPreviewFailed(logger, e.Error);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The live preview of a Slack reply stopped: {Error}.")]
    private static partial void LogPreviewFailed(ILogger logger, string error);
}
