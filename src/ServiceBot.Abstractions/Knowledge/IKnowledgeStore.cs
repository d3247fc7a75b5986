namespace ServiceBot.Abstractions.Knowledge;

/// <summary>
/// The durable knowledge base of each bot: FAQ entries with versions. SQLite by default,
/// PostgreSQL when configured. The KB-Bot's in-memory indexes are rebuilt from it and kept current
/// through <see cref="IKnowledgeChangeNotifier"/>.
/// </summary>
/// <remarks>Thread-safe. Every write is atomic: it applies fully or not at all.</remarks>
public interface IKnowledgeStore
{
    /// <summary>All entries of the bot, disabled ones included, ordered by id.</summary>
    ValueTask<IReadOnlyList<FaqEntry>> ListFaqsAsync(string botId, CancellationToken cancellationToken);

    ValueTask<FaqEntry?> GetFaqAsync(string botId, string id, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts or updates an entry and returns it with its new <see cref="FaqEntry.Version"/>.
    /// With <paramref name="expectedVersion"/>, fails when someone saved the entry in between.
    /// </summary>
    /// <exception cref="KnowledgeConflictException">The stored version is not <paramref name="expectedVersion"/>.</exception>
    ValueTask<FaqEntry> SaveFaqAsync(string botId, FaqEntry entry, long? expectedVersion, CancellationToken cancellationToken);

    /// <summary>Deletes an entry; false when it did not exist.</summary>
    ValueTask<bool> DeleteFaqAsync(string botId, string id, CancellationToken cancellationToken);

    /// <summary>
    /// Writes many entries in one transaction: <see cref="KnowledgeImportMode.Merge"/> adds and updates,
    /// <see cref="KnowledgeImportMode.Replace"/> also deletes entries not in <paramref name="entries"/>.
    /// </summary>
    ValueTask<KnowledgeImportSummary> ImportFaqsAsync(string botId, IReadOnlyList<FaqEntry> entries, KnowledgeImportMode mode, CancellationToken cancellationToken);

    /// <summary>A number that grows with every write to the bot's KB; equal numbers mean equal content.</summary>
    ValueTask<long> GetRevisionAsync(string botId, CancellationToken cancellationToken);
}
