using ServiceBot.Abstractions.Responders;
using ServiceBot.Abstractions.Turns;

namespace ServiceBot.Core.Tests;

/// <summary>A stage whose behaviour a test decides.</summary>
internal sealed class ScriptedStage(string name, Func<TurnContext, TurnDelegate, CancellationToken, ValueTask> behaviour) : ITurnStage
{
    public string Name => name;

    public ValueTask InvokeAsync(TurnContext turn, TurnDelegate next, CancellationToken cancellationToken) => behaviour(turn, next, cancellationToken);

    public static ScriptedStage Passing(string name, List<string>? log = null) => new(name, (t, next, ct) =>
    {
        log?.Add(name);
        return next(t, ct);
    });

    public static ScriptedStage Answering(string name, string text, List<string>? log = null) => new(name, (t, _, _) =>
    {
        log?.Add(name);
        t.Respond(name, TurnOutcome.Answered, t.CreateReply(text));
        return ValueTask.CompletedTask;
    });
}

/// <summary>A responder whose proposal a test decides.</summary>
internal sealed class ScriptedResponder(string name, Func<TurnContext, ResponderResult> respond) : IResponder
{
    public string Name => name;

    public int Calls { get; private set; }

    public ValueTask<ResponderResult> RespondAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        Calls++;
        return ValueTask.FromResult(respond(turn));
    }
}
