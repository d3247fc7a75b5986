using System.Collections.Frozen;

namespace ServiceBot.Retrieval.Lexical;

/// <summary>
/// An immutable Okapi BM25 index over pre-analyzed documents (lists of terms), with postings in
/// one compressed-row array so a KB of a million questions stays a few large arrays.
/// </summary>
/// <remarks>
/// Thread-safe: built once, then only read; live updates build a new index and swap it in.
/// Document ids are the positions in the list given to <see cref="Build"/>. Unknown query terms
/// score nothing; an empty query returns no results.
/// </remarks>
public sealed class Bm25Index
{
    [ThreadStatic]
    private static Accumulator? _accumulator;

    private readonly FrozenDictionary<string, int> _termIds;
    private readonly int[] _postingStart;   // per term: offset into _postingDocs, plus one past the end
    private readonly int[] _postingDocs;
    private readonly float[] _postingTf;
    private readonly float[] _lengthNorm;   // per doc: k1 * (1 - b + b * dl / avgdl)
    private readonly float[] _idf;

    private Bm25Index(Bm25Parameters parameters, FrozenDictionary<string, int> termIds, int[] postingStart, int[] postingDocs, float[] postingTf, float[] lengthNorm, float[] idf, float averageLength)
    {
        Parameters = parameters;
        _termIds = termIds;
        _postingStart = postingStart;
        _postingDocs = postingDocs;
        _postingTf = postingTf;
        _lengthNorm = lengthNorm;
        _idf = idf;
        AverageLength = averageLength;
    }

    public Bm25Parameters Parameters { get; }

    public int DocumentCount => _lengthNorm.Length;

    public int TermCount => _idf.Length;

    public float AverageLength { get; }

    /// <summary>An index with no documents.</summary>
    public static Bm25Index Empty { get; } = Build([], Bm25Parameters.Default);

    /// <summary>Builds an index; document <c>i</c> is <paramref name="documents"/>[i].</summary>
    /// <exception cref="ArgumentOutOfRangeException">The parameters are out of range.</exception>
    public static Bm25Index Build(IReadOnlyList<IReadOnlyList<string>> documents, Bm25Parameters parameters)
    {
        parameters.Validate();
        var termIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var df = new List<int>();
        var lengths = new int[documents.Count];
        long totalLength = 0;
        var seen = new HashSet<int>();

        // Pass 1: vocabulary and document frequencies.
        for (var d = 0; d < documents.Count; d++)
        {
            seen.Clear();
            var doc = documents[d];
            lengths[d] = doc.Count;
            totalLength += doc.Count;
            foreach (var term in doc)
            {
                if (!termIds.TryGetValue(term, out var id))
                {
                    id = termIds.Count;
                    termIds.Add(term, id);
                    df.Add(0);
                }

                if (seen.Add(id))
                {
                    df[id]++;
                }
            }
        }

        var postingStart = new int[df.Count + 1];
        for (var t = 0; t < df.Count; t++)
        {
            postingStart[t + 1] = postingStart[t] + df[t];
        }

        // Pass 2: postings in document order, so each list is sorted by doc id.
        var postingDocs = new int[postingStart[^1]];
        var postingTf = new float[postingStart[^1]];
        var fill = new int[df.Count];
        var counts = new Dictionary<int, int>();
        for (var d = 0; d < documents.Count; d++)
        {
            counts.Clear();
            foreach (var term in documents[d])
            {
                var id = termIds[term];
                counts[id] = counts.GetValueOrDefault(id) + 1;
            }

            foreach (var (id, tf) in counts)
            {
                var at = postingStart[id] + fill[id]++;
                postingDocs[at] = d;
                postingTf[at] = tf;
            }
        }

        var n = documents.Count;
        var idf = new float[df.Count];
        for (var t = 0; t < df.Count; t++)
        {
            // The Lucene form of BM25 idf: always positive, so very common terms still count a little.
            idf[t] = (float)Math.Log(1 + ((n - df[t] + 0.5) / (df[t] + 0.5)));
        }

        var average = n == 0 ? 1f : Math.Max(1f, (float)totalLength / n);
        var lengthNorm = new float[n];
        for (var d = 0; d < n; d++)
        {
            lengthNorm[d] = parameters.K1 * (1 - parameters.B + (parameters.B * lengths[d] / average));
        }

        return new Bm25Index(parameters, termIds.ToFrozenDictionary(StringComparer.Ordinal), postingStart, postingDocs, postingTf, lengthNorm, idf, average);
    }

    /// <summary>The inverse document frequency of <paramref name="term"/>, or the idf of an unseen term.</summary>
    public float Idf(string term) =>
        _termIds.TryGetValue(term, out var id) ? _idf[id] : (float)Math.Log(1 + ((DocumentCount + 0.5) / 0.5));

    /// <summary>Number of documents that contain <paramref name="term"/>.</summary>
    public int DocumentFrequency(string term) =>
        _termIds.TryGetValue(term, out var id) ? _postingStart[id + 1] - _postingStart[id] : 0;

    /// <summary>
    /// The score the query would get against a document made of exactly its own terms: the most a
    /// paraphrase can reach, used to make scores comparable across queries of different lengths.
    /// </summary>
    public float SelfScore(IReadOnlyList<WeightedTerm> query)
    {
        var length = 0f;
        foreach (var q in query)
        {
            length += q.Weight >= 1 ? 1 : 0;
        }

        var norm = Parameters.K1 * (1 - Parameters.B + (Parameters.B * Math.Max(1f, length) / AverageLength));
        var score = 0f;
        foreach (var q in query)
        {
            if (_termIds.TryGetValue(q.Term, out var id))
            {
                score += q.Weight * _idf[id] * (Parameters.K1 + 1) / (1 + norm);
            }
        }

        return score;
    }

    /// <summary>
    /// Returns up to <paramref name="count"/> documents by descending score (ties by ascending id).
    /// Documents for which <paramref name="exclude"/> returns true are skipped (leave-one-out evaluation, disabled rows).
    /// </summary>
    public ScoredItem[] Search(IReadOnlyList<WeightedTerm> query, int count, Func<int, bool>? exclude = null)
    {
        if (query.Count == 0 || count <= 0 || DocumentCount == 0)
        {
            return [];
        }

        var acc = _accumulator;
        if (acc is null || acc.Scores.Length < DocumentCount)
        {
            acc = _accumulator = new Accumulator(DocumentCount);
        }

        var k1Plus1 = Parameters.K1 + 1;
        try
        {
            foreach (var q in query)
            {
                if (!_termIds.TryGetValue(q.Term, out var t))
                {
                    continue;
                }

                var weight = q.Weight * _idf[t] * k1Plus1;
                var end = _postingStart[t + 1];
                for (var p = _postingStart[t]; p < end; p++)
                {
                    var d = _postingDocs[p];
                    var tf = _postingTf[p];
                    ref var s = ref acc.Scores[d];
                    if (s == 0)
                    {
                        acc.Touch(d);
                    }

                    s += weight * tf / (tf + _lengthNorm[d]);
                }
            }

            var top = new TopK(count);
            for (var i = 0; i < acc.TouchedCount; i++)
            {
                var d = acc.Touched[i];
                var s = acc.Scores[d];
                if (s > top.Threshold && (exclude is null || !exclude(d)))
                {
                    top.Add(d, s);
                }
            }

            return top.ToSortedArray();
        }
        finally
        {
            acc.Reset();
        }
    }

    /// <summary>The BM25 score of one document for the query (0 when it shares no term).</summary>
    public float Score(IReadOnlyList<WeightedTerm> query, IReadOnlyList<string> documentTerms, int documentId)
    {
        var score = 0f;
        var k1Plus1 = Parameters.K1 + 1;
        foreach (var q in query)
        {
            if (!_termIds.TryGetValue(q.Term, out var t))
            {
                continue;
            }

            var tf = 0;
            foreach (var term in documentTerms)
            {
                if (string.Equals(term, q.Term, StringComparison.Ordinal))
                {
                    tf++;
                }
            }

            if (tf > 0)
            {
                score += q.Weight * _idf[t] * k1Plus1 * tf / (tf + _lengthNorm[documentId]);
            }
        }

        return score;
    }

    /// <summary>Per-thread scratch space: scores by doc and the docs touched, cleared after each query.</summary>
    private sealed class Accumulator
    {
        public Accumulator(int size)
        {
            Scores = new float[size];
            Touched = new int[Math.Min(size, 1024)];
        }

        public float[] Scores { get; }

        public int[] Touched { get; private set; }

        public int TouchedCount { get; private set; }

        public void Touch(int doc)
        {
            if (TouchedCount == Touched.Length)
            {
                var bigger = new int[Touched.Length * 2];
                Touched.CopyTo(bigger, 0);
                Touched = bigger;
            }

            Touched[TouchedCount++] = doc;
        }

        public void Reset()
        {
            for (var i = 0; i < TouchedCount; i++)
            {
                Scores[Touched[i]] = 0;
            }

            TouchedCount = 0;
        }
    }
}
