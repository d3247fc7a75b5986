using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ServiceBot.KbBot.Index;

/// <summary>
/// Compares each loaded bot's store revision with its live snapshot now and then, so an edit made by
/// another process (<c>servicebot import</c>, a replica whose change notice was lost) still goes live.
/// </summary>
internal sealed partial class KbRevisionPoller(KbService service, KbRegistry registry, IOptions<KbBotOptions> options, ILogger<KbRevisionPoller> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.RevisionPollInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            foreach (var botId in registry.BotIds)
            {
                try
                {
                    await service.RefreshAsync(botId, stoppingToken).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // One bot's failing store must not stop the others' refreshes; the next tick retries.
                catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    LogPollFailed(logger, e, botId);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bot '{BotId}': checking the knowledge store revision failed; retrying on the next tick.")]
    private static partial void LogPollFailed(ILogger logger, Exception exception, string botId);
}
