using Microsoft.Extensions.Logging;
using ServiceBot.Abstractions.Turns;
using ServiceBot.Core.Replies;

namespace ServiceBot.Core.Turns;

/// <summary>
/// The one place a failed turn ends: the customer gets a polite "please try again" with a handoff
/// offer, operators get the exception in the log with the turn id (never the customer's text).
/// </summary>
internal sealed partial class TurnErrorHandler(BotReplies replies, ILogger<TurnErrorHandler> logger)
{
    public void Handle(TurnContext turn, Exception exception)
    {
        LogTurnFailed(logger, exception, turn.TurnId, turn.Bot.Id, exception.GetType().Name);
        turn.Trace.Note("error", exception.GetType().Name);
        turn.Respond("error", TurnOutcome.Failed, replies.WithHandoffOffer(turn, replies.Create(turn, BotReplies.Error)));
    }

    public void HandleConflict(TurnContext turn)
    {
        LogConflict(logger, turn.TurnId, turn.Bot.Id);
        turn.Trace.Note("error", "state-conflict");
        turn.Respond("error", TurnOutcome.Failed, replies.Create(turn, BotReplies.ConflictRetry));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Turn {TurnId} of bot '{BotId}' failed with {ExceptionType}; the customer got the error reply.")]
    private static partial void LogTurnFailed(ILogger logger, Exception exception, string turnId, string botId, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Turn {TurnId} of bot '{BotId}' lost a state write race after a side effect; the customer was asked to resend.")]
    private static partial void LogConflict(ILogger logger, string turnId, string botId);
}
