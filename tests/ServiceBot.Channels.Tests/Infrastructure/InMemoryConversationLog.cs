using System.Collections.Concurrent;
using ServiceBot.Abstractions.Logging;

namespace ServiceBot.Channels.Tests.Infrastructure;

/// <summary>A conversation log in memory, for channel tests that run without the SQLite store.</summary>
public sealed class InMemoryConversationLog : IConversationLog
{
    private readonly ConcurrentDictionary<string, TurnRecord> _turns = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string BotId, TurnFeedback Feedback)> _feedback = new();

    public IReadOnlyCollection<(string BotId, TurnFeedback Feedback)> Feedback => _feedback;

    public ValueTask AppendAsync(TurnRecord record, CancellationToken cancellationToken)
    {
        _turns[record.BotId + "/" + record.TurnId] = record;
        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<TurnRecord>> GetConversationAsync(string botId, string conversationId, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<TurnRecord>>([.. _turns.Values.Where(t => t.BotId == botId && t.ConversationId == conversationId).OrderBy(t => t.Timestamp)]);

    public ValueTask<TurnRecord?> GetTurnAsync(string botId, string turnId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_turns.GetValueOrDefault(botId + "/" + turnId));

    public ValueTask<IReadOnlyList<TurnRecord>> QueryAsync(TurnLogQuery query, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<TurnRecord>>([.. _turns.Values.Where(t => t.BotId == query.BotId).OrderByDescending(t => t.Timestamp).Take(query.Limit)]);

    public ValueTask<bool> AddFeedbackAsync(string botId, TurnFeedback feedback, CancellationToken cancellationToken)
    {
        if (!_turns.ContainsKey(botId + "/" + feedback.TurnId))
        {
            return ValueTask.FromResult(false);
        }

        _feedback.Enqueue((botId, feedback));
        return ValueTask.FromResult(true);
    }

    public ValueTask<IReadOnlyList<TurnFeedback>> GetFeedbackAsync(string botId, string turnId, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<TurnFeedback>>([.. _feedback.Where(f => f.BotId == botId && f.Feedback.TurnId == turnId).Select(f => f.Feedback)]);
}
