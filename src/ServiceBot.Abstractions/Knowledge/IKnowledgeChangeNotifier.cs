namespace ServiceBot.Abstractions.Knowledge;

/// <summary>
/// Publishes and delivers <see cref="KnowledgeChange"/> notices: in-process for one server, Redis
/// pub/sub across replicas.
/// </summary>
/// <remarks>
/// Delivery is at most once; a replica that misses a notice still converges because subscribers
/// compare <see cref="IKnowledgeStore.GetRevisionAsync"/> periodically. Handlers run on a background
/// thread and must not block.
/// </remarks>
public interface IKnowledgeChangeNotifier
{
    ValueTask PublishAsync(KnowledgeChange change, CancellationToken cancellationToken);

    /// <summary>Calls <paramref name="handler"/> for every change published by any replica, this one included.</summary>
    IDisposable Subscribe(Func<KnowledgeChange, CancellationToken, ValueTask> handler);
}
