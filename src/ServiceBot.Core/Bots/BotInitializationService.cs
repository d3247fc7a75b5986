using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ServiceBot.Abstractions.Bots;

namespace ServiceBot.Core.Bots;

/// <summary>
/// Runs every <see cref="IBotInitializer"/> for every bot when the host starts, in registration
/// order, and records readiness. Start-up waits for it so the first turn finds indexes built.
/// </summary>
/// <remarks>
/// A failing initializer marks its bot failed (readiness says why) instead of stopping the host, so
/// one bad bot does not take the others down.
/// </remarks>
internal sealed partial class BotInitializationService(
    IBotCatalog catalog,
    IEnumerable<IBotInitializer> initializers,
    BotReadiness readiness,
    ILogger<BotInitializationService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var bot in catalog.All)
        {
            readiness.Set(bot.Id, new BotStatus(BotLoadState.Loading, null, new Dictionary<string, double>(StringComparer.Ordinal)));
        }

        foreach (var bot in catalog.All)
        {
            var timings = new Dictionary<string, double>(StringComparer.Ordinal);
            try
            {
                foreach (var initializer in initializers)
                {
                    var started = Stopwatch.GetTimestamp();
                    await initializer.InitializeAsync(bot, cancellationToken).ConfigureAwait(false);
                    timings[initializer.Name] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                }

                readiness.Set(bot.Id, new BotStatus(BotLoadState.Ready, null, timings));
                LogReady(logger, bot.Id, timings.Values.Sum());
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                readiness.Set(bot.Id, new BotStatus(BotLoadState.Failed, e.Message, timings));
                LogFailed(logger, e, bot.Id);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Bot '{BotId}' is ready ({Milliseconds:0} ms).")]
    private static partial void LogReady(ILogger logger, string botId, double milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Bot '{BotId}' failed to load and will not answer.")]
    private static partial void LogFailed(ILogger logger, Exception exception, string botId);
}
