using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Tracing;
using ServiceBot.Abstractions.Turns;

namespace ServiceBot.Server.Endpoints;

/// <summary>Response of <c>POST /api/turns</c>.</summary>
/// <param name="TurnId">Id of the turn in the conversation log.</param>
/// <param name="BotId">The bot that answered.</param>
/// <param name="ConversationId">The conversation.</param>
/// <param name="Outcome">How the turn ended.</param>
/// <param name="AnsweredBy">The stage or responder that answered.</param>
/// <param name="Replies">Reply activities in order.</param>
/// <param name="Trace">How the turn was answered, when asked for.</param>
public sealed record TurnApiResponse(
    string TurnId,
    string BotId,
    string ConversationId,
    TurnOutcome Outcome,
    string? AnsweredBy,
    IReadOnlyList<Activity> Replies,
    TurnTrace? Trace);
