using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.Logging;

namespace ServiceBot.Channels.Hosting;

/// <summary>
/// Stores a customer's thumbs up/down from any channel in the conversation log, after checking that
/// the rated turn belongs to the conversation the rating came from.
/// </summary>
/// <remarks>
/// The log is written through a buffer, so a rating can arrive before its turn is durable; the
/// lookup is retried briefly rather than losing the rating. Thread-safe.
/// </remarks>
internal sealed partial class FeedbackRecorder(IServiceProvider services, TimeProvider time, ILogger<FeedbackRecorder> logger)
{
    private static readonly TimeSpan[] Waits = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(600), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];

    /// <summary>Records the rating; the result says whether it was stored and, if not, why.</summary>
    public async Task<FeedbackResult> RecordAsync(string? botId, string conversationId, string turnId, FeedbackKind kind, string? comment, CancellationToken cancellationToken)
    {
        var log = services.GetService<IConversationLog>();
        if (log is null)
        {
            return FeedbackResult.NotStored;
        }

        var bot = botId ?? services.GetService<IBotCatalog>()?.Default.Id;
        if (bot is null)
        {
            return FeedbackResult.NotStored;
        }

        for (var attempt = 0; ; attempt++)
        {
            var turn = await log.GetTurnAsync(bot, turnId, cancellationToken).ConfigureAwait(false);
            if (turn is not null)
            {
                if (turn.ConversationId != conversationId)
                {
                    return FeedbackResult.WrongConversation;
                }

                var feedback = new TurnFeedback(turnId, kind, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), time.GetUtcNow());
                var stored = await log.AddFeedbackAsync(bot, feedback, cancellationToken).ConfigureAwait(false);
                LogFeedback(logger, kind, bot, turnId);
                return stored ? FeedbackResult.Stored : FeedbackResult.UnknownTurn;
            }

            if (attempt >= Waits.Length)
            {
                return FeedbackResult.UnknownTurn;
            }

            await Task.Delay(Waits[attempt], time, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Feedback {Kind} on turn {TurnId} of bot '{BotId}'.")]
    private static partial void LogFeedback(ILogger logger, FeedbackKind kind, string botId, string turnId);
}
