using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Turns;

namespace ServiceBot.Channels.Hosting;

/// <summary>
/// Hands a channel's activity to the turn processor and sorts failures into what the channel tells
/// its client: unknown bot, bad activity, or the bot being unavailable.
/// </summary>
/// <remarks>
/// Turns are tied to the server's lifetime, not to the HTTP request that brought them: a customer
/// whose connection drops mid-turn still gets the reply (stored for Direct Line, posted for Slack and
/// Teams), so a flaky network never loses an answer. Thread-safe.
/// </remarks>
internal sealed partial class ChannelTurnRunner(IServiceProvider services, IHostApplicationLifetime lifetime, ILogger<ChannelTurnRunner> logger)
{
    // Resolved by the first turn, not when the endpoints are mapped: a pipeline that cannot be built
    // fails that turn (reported as "unavailable") like any other entry point, instead of the channels
    // deciding whether the server starts at all.
    private ITurnProcessor Processor => field ??= services.GetRequiredService<ITurnProcessor>();

    /// <summary>Runs the turn; failures come back as a <see cref="ChannelTurnFailure"/> instead of an exception.</summary>
    public async Task<ChannelTurnOutcome> RunAsync(Activity activity, string? botId, IReplyStream? stream)
    {
        var cancellationToken = lifetime.ApplicationStopping;
        try
        {
            var result = await Processor.ProcessAsync(activity, new TurnRequest { BotId = botId, Stream = stream }, cancellationToken).ConfigureAwait(false);
            return new ChannelTurnOutcome(result, null);
        }
        catch (UnknownBotException e)
        {
            return new ChannelTurnOutcome(null, new ChannelTurnFailure(ChannelTurnFailureKind.UnknownBot, e.Message));
        }
        catch (InvalidActivityException e)
        {
            return new ChannelTurnOutcome(null, new ChannelTurnFailure(ChannelTurnFailureKind.BadActivity, e.Message));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new ChannelTurnOutcome(null, new ChannelTurnFailure(ChannelTurnFailureKind.Unavailable, "The server is shutting down."));
        }
#pragma warning disable CA1031 // Any other fault (a bot still loading, a store down) is reported to the channel as "unavailable", never as a stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogTurnFailed(logger, e, activity.ChannelId, botId);
            return new ChannelTurnOutcome(null, new ChannelTurnFailure(ChannelTurnFailureKind.Unavailable, "The bot is not available right now; please try again shortly."));
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A {ChannelId} turn for bot '{BotId}' failed before the pipeline could answer.")]
    private static partial void LogTurnFailed(ILogger logger, Exception exception, string? channelId, string? botId);
}
