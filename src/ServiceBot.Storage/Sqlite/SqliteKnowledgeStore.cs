using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Knowledge;

namespace ServiceBot.Storage.Sqlite;

/// <summary>
/// The knowledge base in SQLite: one file per bot (<c>knowledge.sqlite</c> in its data folder).
/// Entries are stored whole as JSON next to the columns that are queried, so the entry model can
/// grow without schema changes; every write bumps the KB revision in the same transaction.
/// </summary>
/// <remarks>Thread-safe. Reads see a consistent snapshot; writes are atomic.</remarks>
internal sealed partial class SqliteKnowledgeStore(SqliteDatabases databases, TimeProvider time) : IKnowledgeStore
{
    private const string FileName = "knowledge.sqlite";

    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE faq (
            id TEXT NOT NULL PRIMARY KEY,
            body TEXT NOT NULL,
            version INTEGER NOT NULL,
            updated_at TEXT NOT NULL,
            enabled INTEGER NOT NULL,
            category TEXT NULL,
            locale TEXT NULL
        );
        CREATE INDEX ix_faq_category ON faq(category);
        CREATE TABLE kb_meta (key TEXT NOT NULL PRIMARY KEY, value INTEGER NOT NULL);
        INSERT INTO kb_meta(key, value) VALUES ('revision', 0);
        """,
        """
        CREATE TABLE document (
            id TEXT NOT NULL PRIMARY KEY,
            body TEXT NOT NULL,
            version INTEGER NOT NULL,
            updated_at TEXT NOT NULL
        );
        """,
    ];

    public async ValueTask<IReadOnlyList<FaqEntry>> ListFaqsAsync(string botId, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(botId, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = "SELECT body, version, updated_at FROM faq ORDER BY id;";
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    var entries = new List<FaqEntry>();
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        entries.Add(Read(reader));
                    }

                    return entries;
                }
            }
        }
    }

    public async ValueTask<FaqEntry?> GetFaqAsync(string botId, string id, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(botId, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await GetAsync(connection, null, id, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask<FaqEntry> SaveFaqAsync(string botId, FaqEntry entry, long? expectedVersion, CancellationToken cancellationToken)
    {
        Check(entry);
        var connection = await OpenAsync(botId, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var current = await GetAsync(connection, transaction, entry.Id, cancellationToken).ConfigureAwait(false);
                if (expectedVersion is not null && current?.Version != expectedVersion)
                {
                    throw new KnowledgeConflictException(entry.Id, expectedVersion, current?.Version);
                }

                var saved = await WriteAsync(connection, transaction, entry, current, cancellationToken).ConfigureAwait(false);
                await BumpRevisionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return saved;
            }
        }
    }

    public async ValueTask<bool> DeleteFaqAsync(string botId, string id, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(botId, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var deleted = await DeleteAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false);
                if (deleted)
                {
                    await BumpRevisionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return deleted;
            }
        }
    }

    public async ValueTask<KnowledgeImportSummary> ImportFaqsAsync(string botId, IReadOnlyList<FaqEntry> entries, KnowledgeImportMode mode, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            Check(entry);
            if (!ids.Add(entry.Id))
            {
                throw new ArgumentException($"FAQ id '{entry.Id}' appears more than once in the import.", nameof(entries));
            }
        }

        var connection = await OpenAsync(botId, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                int added = 0, updated = 0, unchanged = 0, deleted = 0;
                foreach (var entry in entries)
                {
                    var current = await GetAsync(connection, transaction, entry.Id, cancellationToken).ConfigureAwait(false);
                    if (current is not null && SameContent(current, entry))
                    {
                        unchanged++;
                        continue;
                    }

                    await WriteAsync(connection, transaction, entry, current, cancellationToken).ConfigureAwait(false);
                    if (current is null)
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
                    foreach (var id in await ListIdsAsync(connection, transaction, cancellationToken).ConfigureAwait(false))
                    {
                        if (!ids.Contains(id) && await DeleteAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false))
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

    public async ValueTask<long> GetRevisionAsync(string botId, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(botId, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await ReadRevisionAsync(connection, null, cancellationToken).ConfigureAwait(false);
        }
    }

    private Task<SqliteConnection> OpenAsync(string botId, CancellationToken cancellationToken) =>
        databases.OpenAsync(botId, FileName, (c, ct) => SqliteDatabases.MigrateAsync(c, Migrations, ct), cancellationToken);

    private static void Check(FaqEntry entry)
    {
        if (string.IsNullOrWhiteSpace(entry.Id))
        {
            throw new ArgumentException("An FAQ entry needs an id.", nameof(entry));
        }

        if (entry.Id.Length > 200)
        {
            throw new ArgumentException($"FAQ id '{entry.Id[..40]}…' is longer than 200 characters.", nameof(entry));
        }
    }

    private async Task<FaqEntry> WriteAsync(SqliteConnection connection, SqliteTransaction transaction, FaqEntry entry, FaqEntry? current, CancellationToken cancellationToken)
    {
        var saved = entry.Clone();
        saved.Version = (current?.Version ?? 0) + 1;
        saved.UpdatedAt = time.GetUtcNow();
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO faq(id, body, version, updated_at, enabled, category, locale)
                VALUES ($id, $body, $version, $updated, $enabled, $category, $locale)
                ON CONFLICT(id) DO UPDATE SET body = excluded.body, version = excluded.version, updated_at = excluded.updated_at,
                    enabled = excluded.enabled, category = excluded.category, locale = excluded.locale;
                """;
            command.Parameters.AddWithValue("$id", saved.Id);
            command.Parameters.AddWithValue("$body", JsonSerializer.Serialize(saved, ActivityJson.Options));
            command.Parameters.AddWithValue("$version", saved.Version);
            command.Parameters.AddWithValue("$updated", saved.UpdatedAt.ToString("O", CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$enabled", saved.Enabled ? 1 : 0);
            command.Parameters.AddWithValue("$category", (object?)saved.Category ?? DBNull.Value);
            command.Parameters.AddWithValue("$locale", (object?)saved.Locale ?? DBNull.Value);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return saved;
    }

    private static async Task<FaqEntry?> GetAsync(SqliteConnection connection, SqliteTransaction? transaction, string id, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT body, version, updated_at FROM faq WHERE id = $id;";
            command.Parameters.AddWithValue("$id", id);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
            }
        }
    }

    private static async Task<List<string>> ListIdsAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT id FROM faq;";
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var ids = new List<string>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    ids.Add(reader.GetString(0));
                }

                return ids;
            }
        }
    }

    private static async Task<bool> DeleteAsync(SqliteConnection connection, SqliteTransaction transaction, string id, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM faq WHERE id = $id;";
            command.Parameters.AddWithValue("$id", id);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
        }
    }

    private static async Task<long> BumpRevisionAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.Transaction = transaction;
            command.CommandText = "UPDATE kb_meta SET value = value + 1 WHERE key = 'revision' RETURNING value;";
            return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) ?? 0L);
        }
    }

    private static async Task<long> ReadRevisionAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT value FROM kb_meta WHERE key = 'revision';";
            return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) ?? 0L);
        }
    }

    private static FaqEntry Read(SqliteDataReader reader)
    {
        var entry = JsonSerializer.Deserialize<FaqEntry>(reader.GetString(0), ActivityJson.Options)
            ?? throw new InvalidDataException("A stored FAQ entry is null.");
        entry.Version = reader.GetInt64(1);
        entry.UpdatedAt = DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture);
        return entry;
    }

    // Two entries are the same content when everything but their bookkeeping matches.
    private static bool SameContent(FaqEntry stored, FaqEntry incoming)
    {
        var a = stored.Clone();
        var b = incoming.Clone();
        a.Version = b.Version = 0;
        a.UpdatedAt = b.UpdatedAt = default;
        return string.Equals(JsonSerializer.Serialize(a, ActivityJson.Options), JsonSerializer.Serialize(b, ActivityJson.Options), StringComparison.Ordinal);
    }
}
