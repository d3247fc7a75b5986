using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Knowledge;

namespace ServiceBot.Storage.Sqlite;

/// <summary>
/// Documents live in the FAQ's file and share its revision counter, so one revision check tells a
/// replica whether anything of the bot's knowledge changed.
/// </summary>
internal sealed partial class SqliteKnowledgeStore : IDocumentStore
{
    public async ValueTask<IReadOnlyList<KnowledgeDocument>> ListDocumentsAsync(string botId, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(botId, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = "SELECT body, version, updated_at FROM document ORDER BY id;";
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    var documents = new List<KnowledgeDocument>();
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        documents.Add(ReadDocument(reader));
                    }

                    return documents;
                }
            }
        }
    }

    public async ValueTask<KnowledgeImportSummary> ImportDocumentsAsync(string botId, IReadOnlyList<KnowledgeDocument> documents, KnowledgeImportMode mode, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            if (string.IsNullOrWhiteSpace(document.Id))
            {
                throw new ArgumentException("A document needs an id.", nameof(documents));
            }

            if (!ids.Add(document.Id))
            {
                throw new ArgumentException($"Document id '{document.Id}' appears more than once in the import.", nameof(documents));
            }
        }

        var connection = await OpenAsync(botId, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var current = new Dictionary<string, KnowledgeDocument>(StringComparer.Ordinal);
                foreach (var stored in await ListDocumentsAsync(connection, transaction, cancellationToken).ConfigureAwait(false))
                {
                    current[stored.Id] = stored;
                }

                int added = 0, updated = 0, unchanged = 0, deleted = 0;
                foreach (var document in documents)
                {
                    var existing = current.GetValueOrDefault(document.Id);
                    if (existing is not null && string.Equals(Content(existing), Content(document), StringComparison.Ordinal))
                    {
                        unchanged++;
                        continue;
                    }

                    await WriteDocumentAsync(connection, transaction, document, existing, cancellationToken).ConfigureAwait(false);
                    if (existing is null)
                    {
                        added++;
                    }
                    else
                    {
                        updated++;
                    }
                }

                if (mode == KnowledgeImportMode.Replace)
                {
                    foreach (var id in current.Keys.Where(id => !ids.Contains(id)))
                    {
                        if (await DeleteDocumentAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false))
                        {
                            deleted++;
                        }
                    }
                }

                var revision = added + updated + deleted > 0
                    ? await BumpRevisionAsync(connection, transaction, cancellationToken).ConfigureAwait(false)
                    : await ReadRevisionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return new KnowledgeImportSummary(added, updated, unchanged, deleted, revision);
            }
        }
    }

    public async ValueTask<bool> DeleteDocumentAsync(string botId, string id, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(botId, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var deleted = await DeleteDocumentAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false);
                if (deleted)
                {
                    await BumpRevisionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return deleted;
            }
        }
    }

    private static async Task<List<KnowledgeDocument>> ListDocumentsAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT body, version, updated_at FROM document;";
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var documents = new List<KnowledgeDocument>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    documents.Add(ReadDocument(reader));
                }

                return documents;
            }
        }
    }

    private async Task WriteDocumentAsync(SqliteConnection connection, SqliteTransaction transaction, KnowledgeDocument document, KnowledgeDocument? current, CancellationToken cancellationToken)
    {
        var version = (current?.Version ?? 0) + 1;
        var updated = time.GetUtcNow();
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO document(id, body, version, updated_at) VALUES ($id, $body, $version, $updated)
                ON CONFLICT(id) DO UPDATE SET body = excluded.body, version = excluded.version, updated_at = excluded.updated_at;
                """;
            command.Parameters.AddWithValue("$id", document.Id);
            command.Parameters.AddWithValue("$body", Content(document));
            command.Parameters.AddWithValue("$version", version);
            command.Parameters.AddWithValue("$updated", updated.ToString("O", CultureInfo.InvariantCulture));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<bool> DeleteDocumentAsync(SqliteConnection connection, SqliteTransaction transaction, string id, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM document WHERE id = $id;";
            command.Parameters.AddWithValue("$id", id);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
        }
    }

    // The stored body without the bookkeeping, so an unchanged re-import is recognised and keeps its version.
    private static string Content(KnowledgeDocument document) =>
        JsonSerializer.Serialize(
            new KnowledgeDocument { Id = document.Id, Title = document.Title, Format = document.Format, Text = document.Text, Headings = document.Headings },
            ActivityJson.Options);

    private static KnowledgeDocument ReadDocument(SqliteDataReader reader)
    {
        var document = JsonSerializer.Deserialize<KnowledgeDocument>(reader.GetString(0), ActivityJson.Options)
            ?? throw new InvalidDataException("A stored document is null.");
        document.Version = reader.GetInt64(1);
        document.UpdatedAt = DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture);
        return document;
    }
}
