using Microsoft.Extensions.Logging;
using ServiceBot.Abstractions.Knowledge;

namespace ServiceBot.Core.Knowledge;

/// <summary>
/// Delivers knowledge changes to subscribers in this process. <see cref="PublishAsync"/> returns after
/// every subscriber has handled the change, so an edit is visible to the very next turn.
/// </summary>
/// <remarks>Thread-safe. A failing subscriber is logged and does not stop the others.</remarks>
internal sealed partial class InProcessKnowledgeChangeNotifier(ILogger<InProcessKnowledgeChangeNotifier> logger) : IKnowledgeChangeNotifier
{
    private readonly Lock _gate = new();
    private Func<KnowledgeChange, CancellationToken, ValueTask>[] _handlers = [];

    public async ValueTask PublishAsync(KnowledgeChange change, CancellationToken cancellationToken)
    {
        foreach (var handler in Volatile.Read(ref _handlers))
        {
            try
            {
                await handler(change, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogHandlerFailed(logger, e, change.BotId);
            }
        }
    }

    public IDisposable Subscribe(Func<KnowledgeChange, CancellationToken, ValueTask> handler)
    {
        lock (_gate)
        {
            _handlers = [.. _handlers, handler];
        }

        return new Subscription(this, handler);
    }

    private void Unsubscribe(Func<KnowledgeChange, CancellationToken, ValueTask> handler)
    {
        lock (_gate)
        {
            _handlers = [.. _handlers.Where(h => h != handler)];
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A knowledge change subscriber failed for bot '{BotId}'.")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string botId);

    private sealed class Subscription(InProcessKnowledgeChangeNotifier owner, Func<KnowledgeChange, CancellationToken, ValueTask> handler) : IDisposable
    {
        public void Dispose() => owner.Unsubscribe(handler);
    }
}
