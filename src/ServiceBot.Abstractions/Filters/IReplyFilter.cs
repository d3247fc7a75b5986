using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Turns;

namespace ServiceBot.Abstractions.Filters;

/// <summary>
/// A check on an outgoing reply: unsupported facts, operator fast-fix rules, repetition loops,
/// sensitive words and PII in output. The post-filter stage runs every registered filter on the
/// turn's replies; a generator that streams runs them on each sentence before releasing it.
/// </summary>
/// <remarks>
/// Thread-safe, and pure for a given turn and text: running a filter twice on its own output
/// passes. A filter never throws for any text; faults in an optional remote check (an entailment
/// endpoint) give <see cref="ReplyVerdict.Pass"/> with a reason in the trace, never a silent block.
/// </remarks>
public interface IReplyFilter
{
    /// <summary>Name in configuration and the trace.</summary>
    string Name { get; }

    /// <summary>Which replies the filter checks.</summary>
    ReplyFilterScope Scope { get; }

    /// <summary>Checks the text of one reply.</summary>
    ValueTask<ReplyFilterResult> CheckAsync(TurnContext turn, Activity reply, string text, CancellationToken cancellationToken);
}
