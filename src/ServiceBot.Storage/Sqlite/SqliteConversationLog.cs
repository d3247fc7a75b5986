using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Logging;
using ServiceBot.Abstractions.Tracing;
using ServiceBot.Abstractions.Turns;

namespace ServiceBot.Storage.Sqlite;

/// <summary>
/// The durable conversation log in SQLite: one file per bot (<c>conversations.sqlite</c>).
/// Appends are idempotent by turn id, so a record replayed from the spool is never doubled.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class SqliteConversationLog(SqliteDatabases databases) : IConversationLog
{
    private const string FileName = "conversations.sqlite";

    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE turns (
            turn_id TEXT NOT NULL PRIMARY KEY,
            conversation_id TEXT NOT NULL,
            channel_id TEXT NULL,
            user_id TEXT NULL,
            ts INTEGER NOT NULL,
            locale TEXT NULL,
            user_text TEXT NOT NULL,
            reply_texts TEXT NOT NULL,
            answered_by TEXT NULL,
            outcome TEXT NOT NULL,
            confidence REAL NULL,
            topic TEXT NULL,
            elapsed_ms REAL NOT NULL,
            needs_review INTEGER NOT NULL,
            trace TEXT NULL
        );
        CREATE INDEX ix_turns_conversation ON turns(conversation_id, ts);
        CREATE INDEX ix_turns_ts ON turns(ts);
        CREATE INDEX ix_turns_review ON turns(needs_review, ts);
        CREATE TABLE feedback (
            turn_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            comment TEXT NULL,
            at INTEGER NOT NULL
        );
        CREATE INDEX ix_feedback_turn ON feedback(turn_id);
        """,
    ];

    private const string Columns = "turn_id, conversation_id, channel_id, user_id, ts, locale, user_text, reply_texts, answered_by, outcome, confidence, topic, elapsed_ms, needs_review, trace";

    public async ValueTask AppendAsync(TurnRecord record, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(record.BotId, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = $"""
                    INSERT OR IGNORE INTO turns({Columns})
                    VALUES ($turn, $conversation, $channel, $user, $ts, $locale, $text, $replies, $by, $outcome, $confidence, $topic, $elapsed, $review, $trace);
                    """;
                var p = command.Parameters;
                p.AddWithValue("$turn", record.TurnId);
                p.AddWithValue("$conversation", record.ConversationId);
                p.AddWithValue("$channel", (object?)record.ChannelId ?? DBNull.Value);
                p.AddWithValue("$user", (object?)record.UserId ?? DBNull.Value);
                p.AddWithValue("$ts", record.Timestamp.ToUnixTimeMilliseconds());
                p.AddWithValue("$locale", (object?)record.Locale ?? DBNull.Value);
                p.AddWithValue("$text", record.UserText);
                p.AddWithValue("$replies", JsonSerializer.Serialize(record.ReplyTexts, ActivityJson.Options));
                p.AddWithValue("$by", (object?)record.AnsweredBy ?? DBNull.Value);
                p.AddWithValue("$outcome", record.Outcome.ToString());
                p.AddWithValue("$confidence", (object?)record.Confidence ?? DBNull.Value);
                p.AddWithValue("$topic", (object?)record.Topic ?? DBNull.Value);
                p.AddWithValue("$elapsed", record.ElapsedMs);
                p.AddWithValue("$review", record.NeedsReview ? 1 : 0);
                p.AddWithValue("$trace", record.Trace is null ? DBNull.Value : JsonSerializer.Serialize(record.Trace, ActivityJson.Options));
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async ValueTask<IReadOnlyList<TurnRecord>> GetConversationAsync(string botId, string conversationId, CancellationToken cancellationToken) =>
        await SelectAsync(botId, "WHERE conversation_id = $conversation ORDER BY ts, rowid", p => p.AddWithValue("$conversation", conversationId), cancellationToken).ConfigureAwait(false);

    public async ValueTask<TurnRecord?> GetTurnAsync(string botId, string turnId, CancellationToken cancellationToken)
    {
        var found = await SelectAsync(botId, "WHERE turn_id = $turn", p => p.AddWithValue("$turn", turnId), cancellationToken).ConfigureAwait(false);
        return found.Count > 0 ? found[0] : null;
    }

    public async ValueTask<IReadOnlyList<TurnRecord>> QueryAsync(TurnLogQuery query, CancellationToken cancellationToken)
    {
        var where = new StringBuilder("WHERE 1 = 1");
        var conditions = new List<Action<SqliteParameterCollection>>();
        if (query.ConversationId is { } conversation)
        {
            where.Append(" AND conversation_id = $conversation");
            conditions.Add(p => p.AddWithValue("$conversation", conversation));
        }

        if (query.Outcome is { } outcome)
        {
            where.Append(" AND outcome = $outcome");
            conditions.Add(p => p.AddWithValue("$outcome", outcome.ToString()));
        }

        if (query.NeedsReview is { } review)
        {
            where.Append(" AND needs_review = $review");
            conditions.Add(p => p.AddWithValue("$review", review ? 1 : 0));
        }

        if (query.Since is { } since)
        {
            where.Append(" AND ts >= $since");
            conditions.Add(p => p.AddWithValue("$since", since.ToUnixTimeMilliseconds()));
        }

        if (query.Until is { } until)
        {
            where.Append(" AND ts < $until");
            conditions.Add(p => p.AddWithValue("$until", until.ToUnixTimeMilliseconds()));
        }

        where.Append(" ORDER BY ts DESC, rowid DESC LIMIT $limit");
        conditions.Add(p => p.AddWithValue("$limit", Math.Clamp(query.Limit, 1, 10_000)));
        return await SelectAsync(query.BotId, where.ToString(), p => conditions.ForEach(c => c(p)), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<bool> AddFeedbackAsync(string botId, TurnFeedback feedback, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(botId, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = """
                    INSERT INTO feedback(turn_id, kind, comment, at)
                    SELECT $turn, $kind, $comment, $at WHERE EXISTS (SELECT 1 FROM turns WHERE turn_id = $turn);
                    """;
                command.Parameters.AddWithValue("$turn", feedback.TurnId);
                command.Parameters.AddWithValue("$kind", feedback.Kind.ToString());
                command.Parameters.AddWithValue("$comment", (object?)feedback.Comment ?? DBNull.Value);
                command.Parameters.AddWithValue("$at", feedback.At.ToUnixTimeMilliseconds());
                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
            }
        }
    }

    public async ValueTask<IReadOnlyList<TurnFeedback>> GetFeedbackAsync(string botId, string turnId, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(botId, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = "SELECT kind, comment, at FROM feedback WHERE turn_id = $turn ORDER BY at, rowid;";
                command.Parameters.AddWithValue("$turn", turnId);
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    var list = new List<TurnFeedback>();
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        list.Add(new TurnFeedback(
                            turnId,
                            Enum.Parse<FeedbackKind>(reader.GetString(0)),
                            reader.IsDBNull(1) ? null : reader.GetString(1),
                            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2))));
                    }

                    return list;
                }
            }
        }
    }

    private Task<SqliteConnection> OpenAsync(string botId, CancellationToken cancellationToken) =>
        databases.OpenAsync(botId, FileName, (c, ct) => SqliteDatabases.MigrateAsync(c, Migrations, ct), cancellationToken);

    private async Task<List<TurnRecord>> SelectAsync(string botId, string tail, Action<SqliteParameterCollection> bind, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(botId, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = $"SELECT {Columns} FROM turns {tail};";
                bind(command.Parameters);
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    var records = new List<TurnRecord>();
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        records.Add(Read(reader, botId));
                    }

                    return records;
                }
            }
        }
    }

    private static TurnRecord Read(SqliteDataReader r, string botId) => new()
    {
        TurnId = r.GetString(0),
        BotId = botId,
        ConversationId = r.GetString(1),
        ChannelId = r.IsDBNull(2) ? null : r.GetString(2),
        UserId = r.IsDBNull(3) ? null : r.GetString(3),
        Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4)),
        Locale = r.IsDBNull(5) ? null : r.GetString(5),
        UserText = r.GetString(6),
        ReplyTexts = JsonSerializer.Deserialize<List<string>>(r.GetString(7), ActivityJson.Options) ?? [],
        AnsweredBy = r.IsDBNull(8) ? null : r.GetString(8),
        Outcome = Enum.Parse<TurnOutcome>(r.GetString(9)),
        Confidence = r.IsDBNull(10) ? null : r.GetDouble(10),
        Topic = r.IsDBNull(11) ? null : r.GetString(11),
        ElapsedMs = r.GetDouble(12),
        NeedsReview = r.GetInt64(13) != 0,
        Trace = r.IsDBNull(14) ? null : JsonSerializer.Deserialize<TurnTrace>(r.GetString(14), ActivityJson.Options),
    };
}
