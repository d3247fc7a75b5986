using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using ServiceBot.Abstractions.Knowledge;

namespace ServiceBot.Storage.Sqlite;

/// <summary>
/// The embedding cache in <c>embeddings.sqlite</c> in the bot's data folder: one row per (model, text),
/// found by the text's SHA-256 and confirmed by the text itself; vectors as float32 blobs in the machine's byte order.
/// </summary>
/// <remarks>Thread-safe; each call uses its own pooled connection.</remarks>
internal sealed class SqliteEmbeddingCache(SqliteDatabases databases, TimeProvider time) : IEmbeddingCache
{
    private const string FileName = "embeddings.sqlite";

    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE embedding (
            model TEXT NOT NULL,
            hash BLOB NOT NULL,
            text TEXT NOT NULL,
            dimensions INTEGER NOT NULL,
            vector BLOB NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (model, hash)
        ) WITHOUT ROWID;
        """,
    ];

    public async ValueTask<IReadOnlyList<float[]?>> GetManyAsync(string botId, string model, IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var found = new float[]?[texts.Count];
        if (texts.Count == 0)
        {
            return found;
        }

        var connection = await OpenAsync(botId, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = "SELECT text, vector FROM embedding WHERE model = $model AND hash = $hash;";
                command.Parameters.AddWithValue("$model", model);
                var hash = command.Parameters.Add("$hash", SqliteType.Blob);
                for (var i = 0; i < texts.Count; i++)
                {
                    hash.Value = Hash(texts[i]);
                    var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && string.Equals(reader.GetString(0), texts[i], StringComparison.Ordinal))
                        {
                            found[i] = MemoryMarshal.Cast<byte, float>((byte[])reader.GetValue(1)).ToArray();
                        }
                    }
                }
            }
        }

        return found;
    }

    public async ValueTask PutManyAsync(string botId, string model, IReadOnlyList<KeyValuePair<string, float[]>> items, CancellationToken cancellationToken)
    {
        if (items.Count == 0)
        {
            return;
        }

        var connection = await OpenAsync(botId, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var command = connection.CreateCommand();
                await using (command.ConfigureAwait(false))
                {
                    command.Transaction = transaction;
                    command.CommandText = """
                        INSERT INTO embedding(model, hash, text, dimensions, vector, created_at) VALUES ($model, $hash, $text, $dimensions, $vector, $at)
                        ON CONFLICT(model, hash) DO UPDATE SET text = excluded.text, dimensions = excluded.dimensions, vector = excluded.vector, created_at = excluded.created_at;
                        """;
                    command.Parameters.AddWithValue("$model", model);
                    command.Parameters.AddWithValue("$at", time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                    var hash = command.Parameters.Add("$hash", SqliteType.Blob);
                    var text = command.Parameters.Add("$text", SqliteType.Text);
                    var dimensions = command.Parameters.Add("$dimensions", SqliteType.Integer);
                    var vector = command.Parameters.Add("$vector", SqliteType.Blob);
                    foreach (var (t, v) in items)
                    {
                        hash.Value = Hash(t);
                        text.Value = t;
                        dimensions.Value = v.Length;
                        vector.Value = MemoryMarshal.AsBytes(v.AsSpan()).ToArray();
                        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static byte[] Hash(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));

    private Task<SqliteConnection> OpenAsync(string botId, CancellationToken cancellationToken) =>
        databases.OpenAsync(botId, FileName, (c, ct) => SqliteDatabases.MigrateAsync(c, Migrations, ct), cancellationToken);
}
