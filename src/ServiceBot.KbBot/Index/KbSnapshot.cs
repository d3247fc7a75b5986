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
    }

    public string BotId { get; }

    /// <summary>The knowledge-store revision the snapshot was built from.</summary>
    public long Revision { get; }

    /// <summary>Enabled entries (validity windows are checked per turn).</summary>
    public IReadOnlyList<FaqEntry> Entries { get; }

    public IReadOnlyList<KbRow> Rows { get; }

    public int[][] RowsByEntry { get; }

    public FrozenDictionary<string, int> EntryById { get; }

    public Bm25Index Bm25 { get; }

    /// <summary>Null when vector recall is off or its embedder is unavailable (BM25-only mode).</summary>
    public KbVectors? Vectors { get; }

    public RankerModel Model { get; }

    public KbSettings Settings { get; }

    /// <summary>Why vector recall is off, when it is (for the trace).</summary>
    public string? DegradedReason { get; init; }

    /// <summary>What fitting the reranker and calibration found, for the trace and <c>eval kb</c>.</summary>
    public TrainingReport? Training { get; init; }

    public static KbSnapshot Empty(string botId, KbSettings settings) =>
        new(botId, 0, [], [], Bm25Index.Empty, null, RankerModel.Prior, settings);
}
