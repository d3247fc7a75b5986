using ServiceBot.Retrieval;
using ServiceBot.Retrieval.Lexical;

namespace ServiceBot.KbBot.Index;

/// <summary>
/// QA recall: BM25 over the FAQ answers and the document chunks, separate from the question (QQ) index
/// so that long answers and chunks do not change the length normalization and IDF of question matching.
/// </summary>
/// <remarks>
/// Immutable and thread-safe. Passage <c>i</c> of an FAQ answer is the snapshot's entry <c>i</c>
/// (every live entry has one, an empty answer included), so entry ranks and passage ranks fuse directly;
/// the chunks follow.
/// </remarks>
internal sealed class KbPassageIndex(IReadOnlyList<KbPassage> passages, Bm25Index bm25, int chunkCount)
{
    public static KbPassageIndex Empty { get; } = new([], Bm25Index.Empty, 0);

    public IReadOnlyList<KbPassage> Passages { get; } = passages;

    public Bm25Index Bm25 { get; } = bm25;

    /// <summary>How many passages are document chunks.</summary>
    public int ChunkCount { get; } = chunkCount;

    /// <summary>The best passages for the query's terms (synonyms at their lower weight).</summary>
    public ScoredItem[] Search(IReadOnlyList<WeightedTerm> terms, int count) => Bm25.Search(terms, count);
}
