using System.Collections.Frozen;
using ServiceBot.Abstractions.Knowledge;
using ServiceBot.KbBot.Ranking;
using ServiceBot.KbBot.Settings;
using ServiceBot.Retrieval.Lexical;

namespace ServiceBot.KbBot.Index;

/// <summary>
/// Everything the KB-Bot needs to answer for one bot, built together and swapped in as one reference:
/// the enabled entries, their question rows, the BM25 and vector indexes, the reranker and its calibration.
/// </summary>
/// <remarks>Immutable and thread-safe; a KB change builds a new snapshot.</remarks>
internal sealed class KbSnapshot
{
    public KbSnapshot(string botId, long revision, IReadOnlyList<FaqEntry> entries, IReadOnlyList<KbRow> rows, Bm25Index bm25, KbVectors? vectors, RankerModel model, KbSettings settings)
    {
        BotId = botId;
        Revision = revision;
        Entries = entries;
        Rows = rows;
        Bm25 = bm25;
        Vectors = vectors;
        Model = model;
        Settings = settings;
        EntryById = entries.Select((e, i) => (e.Id, i)).ToFrozenDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var byEntry = new List<int>[entries.Count];
        for (var i = 0; i < byEntry.Length; i++)
        {
            byEntry[i] = [];
        }

        for (var r = 0; r < rows.Count; r++)
        {
            byEntry[rows[r].Entry].Add(r);
        }

        RowsByEntry = Array.ConvertAll(byEntry, l => l.ToArray());
        RowsByCompactQuestion = Enumerable.Range(0, rows.Count)
            .Where(r => rows[r].Compact.Length > 0)
            .GroupBy(r => rows[r].Compact, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    public string BotId { get; }

    /// <summary>The knowledge-store revision the snapshot was built from.</summary>
    public long Revision { get; }

    /// <summary>Enabled entries (validity windows are checked per turn).</summary>
    public IReadOnlyList<FaqEntry> Entries { get; }

    public IReadOnlyList<KbRow> Rows { get; }

    public int[][] RowsByEntry { get; }

    public FrozenDictionary<string, int> EntryById { get; }

    /// <summary>Question rows by their compact form (letters and digits, lower-cased), for verbatim questions.</summary>
    public FrozenDictionary<string, int[]> RowsByCompactQuestion { get; }

    /// <summary>
    /// The entry holding <paramref name="compact"/> as one of its questions, or -1 when none does
    /// or when more than one entry does; rows for which <paramref name="excludeRow"/> is true do not count.
    /// </summary>
    public int ExactQuestionEntry(string compact, Func<int, bool>? excludeRow)
    {
        if (!RowsByCompactQuestion.TryGetValue(compact, out var rows))
        {
            return -1;
        }

        var entry = -1;
        foreach (var r in rows)
        {
            if (excludeRow is not null && excludeRow(r))
            {
                continue;
            }

            if (entry >= 0 && entry != Rows[r].Entry)
            {
                return -1;
            }

            entry = Rows[r].Entry;
        }

        return entry;
    }

    public Bm25Index Bm25 { get; }

    /// <summary>Null when vector recall is off or its embedder is unavailable (BM25-only mode).</summary>
    public KbVectors? Vectors { get; }

    public RankerModel Model { get; }

    public KbSettings Settings { get; }

    /// <summary>Why vector recall is off, when it is (for the trace).</summary>
    public string? DegradedReason { get; init; }

    /// <summary>QA recall over FAQ answers and document chunks, for grounding generated replies.</summary>
    public KbPassageIndex Passages { get; init; } = KbPassageIndex.Empty;

    /// <summary>What fitting the reranker and calibration found, for the trace and <c>eval kb</c>.</summary>
    public TrainingReport? Training { get; init; }

    public static KbSnapshot Empty(string botId, KbSettings settings) =>
        new(botId, 0, [], [], Bm25Index.Empty, null, RankerModel.Prior, settings);
}
