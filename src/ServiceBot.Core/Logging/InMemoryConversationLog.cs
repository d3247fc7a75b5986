using ServiceBot.Abstractions.Logging;

namespace ServiceBot.Core.Logging;

/// <summary>
/// A conversation log in process memory, used when no durable log is installed (tools, tests).
/// The server always installs the SQLite log.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class InMemoryConversationLog : IConversationLog
{
    private readonly List<TurnRecord> _records = [];
    private readonly List<(string BotId, TurnFeedback Feedback)> _feedback = [];
    private readonly Lock _gate = new();

    public ValueTask AppendAsync(TurnRecord record, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_records.Exists(r => r.BotId == record.BotId && r.TurnId == record.TurnId))
            {
                _records.Add(record);
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<TurnRecord>> GetConversationAsync(string botId, string conversationId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult<IReadOnlyList<TurnRecord>>([.. _records.Where(r => r.BotId == botId && r.ConversationId == conversationId)]);
        }
    }

    public ValueTask<TurnRecord?> GetTurnAsync(string botId, string turnId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_records.Find(r => r.BotId == botId && r.TurnId == turnId));
        }
    }

    public ValueTask<IReadOnlyList<TurnRecord>> QueryAsync(TurnLogQuery query, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IEnumerable<TurnRecord> found = _records.Where(r => r.BotId == query.BotId);
            if (query.ConversationId is { } conversation)
            {
                found = found.Where(r => r.ConversationId == conversation);
            }

            if (query.Outcome is { } outcome)
            {
                found = found.Where(r => r.Outcome == outcome);
            }

            if (query.NeedsReview is { } review)
            {
                found = found.Where(r => r.NeedsReview == review);
            }

            if (query.Since is { } since)
            {
                found = found.Where(r => r.Timestamp >= since);
            }

            if (query.Until is { } until)
            {
                found = found.Where(r => r.Timestamp < until);
            }

            return ValueTask.FromResult<IReadOnlyList<TurnRecord>>([.. found.Reverse().Take(Math.Max(1, query.Limit))]);
        }
    }

    public ValueTask<bool> AddFeedbackAsync(string botId, TurnFeedback feedback, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_records.Exists(r => r.BotId == botId && r.TurnId == feedback.TurnId))
            {
                return ValueTask.FromResult(false);
            }

            _feedback.Add((botId, feedback));
            return ValueTask.FromResult(true);
        }
    }

    public ValueTask<IReadOnlyList<TurnFeedback>> GetFeedbackAsync(string botId, string turnId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult<IReadOnlyList<TurnFeedback>>([.. _feedback.Where(f => f.BotId == botId && f.Feedback.TurnId == turnId).Select(f => f.Feedback)]);
        }
    }
}
