using ServiceBot.Abstractions.Turns;

namespace ServiceBot.Abstractions.Responders;

/// <summary>
/// One of the three bots the router dispatches to: TaskBot (workflows), KB-Bot (FAQ) and ChatBot
/// (chit-chat and generation).
/// </summary>
/// <remarks>
/// A responder proposes; the router decides. It returns replies in a <see cref="ResponderResult"/>
/// instead of writing them to the turn, so the router can weigh several proposals (a KB suggestion
/// against a chit-chat answer) and the trace can show each. Responders are singletons, thread-safe,
/// and keep per-conversation data in <see cref="TurnContext.State"/>.
/// </remarks>
public interface IResponder
{
    /// <summary>Name used in configuration and the trace: <c>taskbot</c>, <c>kbbot</c>, <c>chatbot</c>.</summary>
    string Name { get; }

    /// <summary>Proposes replies for the turn, or declines.</summary>
    ValueTask<ResponderResult> RespondAsync(TurnContext turn, CancellationToken cancellationToken);
}
