using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Turns;
using ServiceBot.Channels.Hosting;

namespace ServiceBot.Channels.Slack;

/// <summary>
/// Answers Slack messages after the request that brought them has been acknowledged (Slack wants a
/// 2xx within three seconds; a turn may take longer). Work is spread over
/// <see cref="SlackOptions.Concurrency"/> queues by conversation, so one conversation's messages are
/// answered in order while different conversations proceed in parallel.
/// </summary>
/// <remarks>Thread-safe. A full queue refuses new work (the endpoint answers 503 and Slack retries later).</remarks>
internal sealed partial class SlackDispatcher : BackgroundService
{
    private readonly Channel<SlackWork>[] _queues;
    private readonly SlackWebApi _api;
    private readonly ChannelTurnRunner _runner;
    private readonly FeedbackRecorder _feedback;
    private readonly SlackOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SlackDispatcher> _logger;

    public SlackDispatcher(SlackWebApi api, ChannelTurnRunner runner, FeedbackRecorder feedback, IOptions<SlackOptions> options, TimeProvider time, ILogger<SlackDispatcher> logger)
    {
        _api = api;
        _runner = runner;
        _feedback = feedback;
        _options = options.Value;
        _time = time;
        _logger = logger;
        var perQueue = Math.Max(1, _options.QueueLimit / _options.Concurrency);
        _queues = [.. Enumerable.Range(0, _options.Concurrency).Select(_ => Channel.CreateBounded<SlackWork>(new BoundedChannelOptions(perQueue) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait }))];
    }

    /// <summary>Queues work; false when its queue is full.</summary>
    public bool TryEnqueue(SlackWork work) =>
        _queues[(int)((uint)StringComparer.Ordinal.GetHashCode(work.Inbound.ConversationId) % (uint)_queues.Length)].Writer.TryWrite(work);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_queues.Select(queue => RunQueueAsync(queue.Reader, stoppingToken)));

    private async Task RunQueueAsync(ChannelReader<SlackWork> queue, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var work in queue.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await ProcessAsync(work, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task ProcessAsync(SlackWork work, CancellationToken cancellationToken)
    {
        try
        {
            if (work.IsRating)
            {
                await _feedback.RecordAsync(_options.Bot, work.Inbound.ConversationId, work.RatedTurnId!, work.Rating!.Value, null, cancellationToken).ConfigureAwait(false);
                return;
            }

            await AnswerAsync(work.Inbound, cancellationToken).ConfigureAwait(false);
        }
        catch (SlackApiException e)
        {
            LogDeliveryFailed(_logger, e.Error, work.Inbound.Channel);
        }
#pragma warning disable CA1031 // One failed message must not stop the queue that serves every other conversation.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogWorkFailed(_logger, e, work.Inbound.Channel);
        }
    }

    private async Task AnswerAsync(SlackInbound inbound, CancellationToken cancellationToken)
    {
        var activity = ToActivity(inbound);
        var stream = new SlackReplyStream(_api, inbound, _options.StreamReplies, _time, _logger);
        var outcome = await _runner.RunAsync(activity, _options.Bot, stream).ConfigureAwait(false);
        if (outcome.Result is not { } result)
        {
            LogTurnRefused(_logger, outcome.Failure?.Kind.ToString() ?? "unknown", inbound.Channel);
            return;
        }

        var messages = result.Replies.Where(r => r.Type == ActivityTypes.Message).ToList();
        var streamed = stream.MessageTs is null ? null : messages.FirstOrDefault(r => r.Id == stream.StreamId) ?? messages.FirstOrDefault();
        for (var i = 0; i < messages.Count; i++)
        {
            var reply = messages[i];
            var rated = _options.FeedbackButtons && i == messages.Count - 1 && result.Outcome == TurnOutcome.Answered ? result.TurnId : null;
            var message = SlackRenderer.Render(reply, rated);
            if (ReferenceEquals(reply, streamed))
            {
                await _api.UpdateAsync(inbound.Channel, stream.MessageTs!, message, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _api.PostMessageAsync(inbound.Channel, inbound.ThreadTs, message, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static Activity ToActivity(SlackInbound inbound)
    {
        var seconds = double.TryParse(inbound.Ts, NumberStyles.Float, CultureInfo.InvariantCulture, out var ts) ? ts : 0;
        return new Activity
        {
            Type = ActivityTypes.Message,
            Id = inbound.Ts.Length > 0 ? inbound.Ts : null,
            ChannelId = ChannelIds.Slack,
            Timestamp = seconds > 0 ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000)) : null,
            Conversation = new ConversationAccount { Id = inbound.ConversationId, IsGroup = !inbound.IsDirect, ConversationType = inbound.IsDirect ? "personal" : "channel" },
            From = new ChannelAccount { Id = inbound.UserId, Role = "user" },
            Recipient = new ChannelAccount { Id = inbound.BotUserId ?? "slack-bot", Role = "bot" },
            Text = inbound.Text,
            TextFormat = TextFormats.Plain,
            ChannelData = JsonSerializer.SerializeToElement(new { channel = inbound.Channel, thread_ts = inbound.ThreadTs }),
        };
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A Slack reply to {Channel} could not be posted: {Error}.")]
    private static partial void LogDeliveryFailed(ILogger logger, string error, string channel);

    [LoggerMessage(Level = LogLevel.Error, Message = "A Slack message from {Channel} could not be answered.")]
    private static partial void LogWorkFailed(ILogger logger, Exception exception, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A Slack turn from {Channel} was refused ({Reason}).")]
    private static partial void LogTurnRefused(ILogger logger, string reason, string channel);
}
