using ServiceBot.Abstractions.Activities;

namespace ServiceBot.Abstractions.Filters;

/// <summary>
/// The replies to send instead when a generated reply is blocked (e.g. "did you mean" suggestions and
/// a handoff offer). A responder that generates sets it on the turn before generating.
/// </summary>
/// <param name="Replies">The safe replies.</param>
public sealed record SafeAlternative(IReadOnlyList<Activity> Replies);
