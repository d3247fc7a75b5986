namespace ServiceBot.Abstractions.Turns;

/// <summary>
/// One layer of the turn pipeline (guard, analyze, funnel steps, rejector, router, post-filter).
/// </summary>
/// <remarks>
/// <para>
/// A stage does one of three things: <b>answers</b> (puts replies on the turn with
/// <see cref="TurnContext.Respond"/> and returns without calling <c>next</c>, which ends
/// the turn), <b>passes</b> (calls <c>next</c> and leaves the turn as it was), or
/// <b>annotates</b> (adds something for later stages, e.g. a verdict in <see cref="TurnContext.Features"/>
/// or a trace note, then calls <c>next</c>). Code after <c>await next(...)</c> runs once the
/// later stages have finished and may inspect or rewrite their replies.
/// </para>
/// <para>
/// Stages are singletons shared by all turns: keep per-turn data on the <see cref="TurnContext"/>, never
/// in fields. Stages must not throw for bad customer input; exceptions are for faults and reach the
/// turn-error handler, which replies safely and leaves the conversation state unsaved.
/// </para>
/// </remarks>
public interface ITurnStage
{
    /// <summary>Name used in configuration (ordering, switching off) and in the trace.</summary>
    string Name { get; }

    /// <summary>Runs the stage for one turn.</summary>
    ValueTask InvokeAsync(TurnContext turn, TurnDelegate next, CancellationToken cancellationToken);
}
