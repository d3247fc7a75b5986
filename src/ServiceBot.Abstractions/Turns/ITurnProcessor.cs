using ServiceBot.Abstractions.Activities;

namespace ServiceBot.Abstractions.Turns;

/// <summary>
/// Runs one turn as a unit of work: lock the conversation, load its state once, run the pipeline,
/// save the state once (with its ETag), release, log. What every channel calls.
/// </summary>
/// <remarks>
/// Thread-safe. Turns of one conversation run one at a time; turns of different conversations run
/// in parallel. Faults inside the pipeline do not surface as exceptions: the turn-error handler
/// replies safely and the result's outcome is <see cref="TurnOutcome.Failed"/>.
/// </remarks>
public interface ITurnProcessor
{
    /// <summary>Processes an incoming activity and returns the replies.</summary>
    /// <exception cref="UnknownBotException">The request names a bot this server does not host.</exception>
    /// <exception cref="InvalidActivityException">The activity lacks what a turn needs (conversation id, sender).</exception>
    Task<TurnResult> ProcessAsync(Activity activity, TurnRequest request, CancellationToken cancellationToken);
}
