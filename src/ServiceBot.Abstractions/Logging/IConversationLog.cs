namespace ServiceBot.Abstractions.Logging;

/// <summary>
/// The durable log of every turn, read by transcripts, the annotation inbox and the dashboard.
/// </summary>
/// <remarks>
/// Thread-safe. <see cref="AppendAsync"/> returns once the record is durable; callers that cannot
/// wait hand records to a buffered writer that retries, so a slow or failing log never loses a line
/// and never blocks a reply.
/// </remarks>
public interface IConversationLog
{
    ValueTask AppendAsync(TurnRecord record, CancellationToken cancellationToken);

    /// <summary>The turns of one conversation, oldest first.</summary>
    ValueTask<IReadOnlyList<TurnRecord>> GetConversationAsync(string botId, string conversationId, CancellationToken cancellationToken);

    ValueTask<TurnRecord?> GetTurnAsync(string botId, string turnId, CancellationToken cancellationToken);

    /// <summary>Records matching the query, newest first.</summary>
    ValueTask<IReadOnlyList<TurnRecord>> QueryAsync(TurnLogQuery query, CancellationToken cancellationToken);

    /// <summary>Stores feedback on a turn; false when the turn is unknown.</summary>
    ValueTask<bool> AddFeedbackAsync(string botId, TurnFeedback feedback, CancellationToken cancellationToken);

    ValueTask<IReadOnlyList<TurnFeedback>> GetFeedbackAsync(string botId, string turnId, CancellationToken cancellationToken);
}
