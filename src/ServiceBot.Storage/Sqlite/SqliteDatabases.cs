using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using ServiceBot.Abstractions.Bots;

namespace ServiceBot.Storage.Sqlite;

/// <summary>
/// Opens the SQLite file of a bot's store, creating and migrating its schema on first use.
/// Each bot has its own files under its data folder, so bots never contend for one database.
/// </summary>
/// <remarks>
/// Thread-safe. Connections come from Microsoft.Data.Sqlite's pool; WAL journaling lets the log be
/// read (transcripts, dashboard) while turns are written.
/// </remarks>
internal sealed class SqliteDatabases(IBotCatalog catalog)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _ready = new(StringComparer.Ordinal);

    /// <summary>Opens a connection to <paramref name="fileName"/> in the bot's data folder, schema applied.</summary>
    /// <exception cref="ArgumentException">The bot is not hosted here.</exception>
    public async Task<SqliteConnection> OpenAsync(string botId, string fileName, Func<SqliteConnection, CancellationToken, Task> migrate, CancellationToken cancellationToken)
    {
        var key = botId + "/" + fileName;
        var lazy = _ready.GetOrAdd(key, _ => new Lazy<Task<string>>(() => PrepareAsync(botId, fileName, migrate)));
        string connectionString;
        try
        {
            connectionString = await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (lazy.Value.IsFaulted)
        {
            _ready.TryRemove(new KeyValuePair<string, Lazy<Task<string>>>(key, lazy));
            throw;
        }

        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private async Task<string> PrepareAsync(string botId, string fileName, Func<SqliteConnection, CancellationToken, Task> migrate)
    {
        if (!catalog.TryGet(botId, out var bot))
        {
            throw new ArgumentException($"There is no bot '{botId}' on this server.", nameof(botId));
        }

        Directory.CreateDirectory(bot.DataDirectory);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(bot.DataDirectory, fileName),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();

        var connection = new SqliteConnection(connectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            await ExecuteAsync(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", CancellationToken.None).ConfigureAwait(false);
            await migrate(connection, CancellationToken.None).ConfigureAwait(false);
        }

        return connectionString;
    }

    public static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken, SqliteTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = sql;
            command.Transaction = transaction;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Applies numbered migration scripts above the file's <c>user_version</c>, each in a transaction.</summary>
    public static async Task MigrateAsync(SqliteConnection connection, IReadOnlyList<string> migrations, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        long version;
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = "PRAGMA user_version;";
            version = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) ?? 0L);
        }

        if (version > migrations.Count)
        {
            throw new InvalidOperationException($"The database '{connection.DataSource}' was written by a newer ServiceBot (schema {version}, this build knows {migrations.Count}).");
        }

        for (var i = (int)version; i < migrations.Count; i++)
        {
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await ExecuteAsync(connection, migrations[i], cancellationToken, transaction).ConfigureAwait(false);
                await ExecuteAsync(connection, $"PRAGMA user_version = {i + 1};", cancellationToken, transaction).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
