namespace ServiceBot.Abstractions.Knowledge;

/// <summary>
/// The documents of each bot's knowledge base, stored next to its FAQ. Every write moves the same
/// revision as <see cref="IKnowledgeStore.GetRevisionAsync"/>, so replicas pick up a new document
/// through the change notice or the revision poll exactly as they pick up an FAQ edit.
/// </summary>
/// <remarks>Thread-safe. Every write is atomic: it applies fully or not at all.</remarks>
public interface IDocumentStore
{
    /// <summary>All documents of the bot, ordered by id.</summary>
    ValueTask<IReadOnlyList<KnowledgeDocument>> ListDocumentsAsync(string botId, CancellationToken cancellationToken);

    /// <summary>
    /// Writes many documents in one transaction: <see cref="KnowledgeImportMode.Merge"/> adds and
    /// updates by id, <see cref="KnowledgeImportMode.Replace"/> also deletes documents not in <paramref name="documents"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A document has no id, or an id appears twice.</exception>
    ValueTask<KnowledgeImportSummary> ImportDocumentsAsync(string botId, IReadOnlyList<KnowledgeDocument> documents, KnowledgeImportMode mode, CancellationToken cancellationToken);

    /// <summary>Deletes a document; false when it did not exist.</summary>
    ValueTask<bool> DeleteDocumentAsync(string botId, string id, CancellationToken cancellationToken);
}
