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
    private readonly float[] _maxImpact;    // per term: the largest tf / (tf + norm) of its postings

    private Bm25Index(Bm25Parameters parameters, FrozenDictionary<string, int> termIds, int[] postingStart, int[] postingDocs, float[] postingTf, float[] lengthNorm, float[] idf, float averageLength)
    {
        Parameters = parameters;
        _termIds = termIds;
        _postingStart = postingStart;
        _postingDocs = postingDocs;
        _postingTf = postingTf;
        _lengthNorm = lengthNorm;
        _idf = idf;
        _maxImpact = new float[idf.Length];
        for (var t = 0; t < idf.Length; t++)
        {
            var max = 0f;
            for (var p = postingStart[t]; p < postingStart[t + 1]; p++)
            {
                var tf = postingTf[p];
                max = Math.Max(max, tf / (tf + lengthNorm[postingDocs[p]]));
            }

            _maxImpact[t] = max;
        }
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

        var terms = acc.Terms(query.Count);
        var known = 0;
        var k1Plus1 = Parameters.K1 + 1;
        foreach (var q in query)
        {
            if (_termIds.TryGetValue(q.Term, out var t) && q.Weight > 0)
            {
                var weight = q.Weight * _idf[t] * k1Plus1;
                terms[known++] = new QueryTerm(t, weight, weight * _maxImpact[t]);
            }
        }

        // MaxScore: terms by descending best possible contribution; once the k-th best score so far
        // beats everything the remaining terms could add, a document they alone would bring in can no
        // longer make the top k, so their long posting lists (the 怎么 and 如何 of every question) are
        // only probed for the documents still in the race. The top k and their scores are exact.
        var span = terms.AsSpan(0, known);
        span.Sort(static (a, b) => b.Bound.CompareTo(a.Bound));
        var remaining = 0f;
        for (var i = known - 1; i >= 0; i--)
        {
            remaining += span[i].Bound;
            span[i] = span[i] with { Remaining = remaining };
        }

        try
        {
            var next = 0;
            var threshold = float.NegativeInfinity;
            for (; next < known; next++)
            {
                var term = span[next];
                var begin = _postingStart[term.Id];
                var end = _postingStart[term.Id + 1];
                if (next > 0 && end - begin >= PruneCheckLength && acc.TouchedCount >= count)
                {
                    threshold = KthScore(acc, count, exclude);
                    if (threshold > term.Remaining)
                    {
                        break;
                    }
                }

                for (var p = begin; p < end; p++)
                {
                    var d = _postingDocs[p];
                    var tf = _postingTf[p];
                    ref var s = ref acc.Scores[d];
                    if (s == 0)
                    {
                        acc.Touch(d);
                    }

                    s += term.Weight * tf / (tf + _lengthNorm[d]);
                }
            }

            return next < known
                ? FinishInRace(acc, span[next..], threshold, count, exclude)
                : Top(acc, acc.Touched.AsSpan(0, acc.TouchedCount), count, exclude);
        }
        finally
        {
            acc.Reset();
        }
    }

    // Below this many postings a list is cheaper to scan than to check whether it can be skipped.
    private const int PruneCheckLength = 2048;

    private static float KthScore(Accumulator acc, int count, Func<int, bool>? exclude)
    {
        var top = new TopK(count);
        for (var i = 0; i < acc.TouchedCount; i++)
        {
            var d = acc.Touched[i];
            var s = acc.Scores[d];
            if (s >= top.Threshold && (exclude is null || !exclude(d)))
            {
                top.Add(d, s);
            }
        }

        return top.Threshold;
    }

    /// <summary>Adds the remaining terms to the documents that can still reach the top k, probing each posting list.</summary>
    private ScoredItem[] FinishInRace(Accumulator acc, ReadOnlySpan<QueryTerm> rest, float threshold, int count, Func<int, bool>? exclude)
    {
        var race = acc.Race();
        var racing = 0;
        for (var i = 0; i < acc.TouchedCount; i++)
        {
            var d = acc.Touched[i];
            if (acc.Scores[d] + rest[0].Remaining >= threshold)
            {
                if (racing == race.Length)
                {
                    race = acc.GrowRace();
                }

                race[racing++] = d;
            }
        }

        var docs = race.AsSpan(0, racing);
        docs.Sort();
        foreach (var term in rest)
        {
            var from = _postingStart[term.Id];
            var end = _postingStart[term.Id + 1];
            foreach (var d in docs)
            {
                var at = Array.BinarySearch(_postingDocs, from, end - from, d);
                if (at >= 0)
                {
                    var tf = _postingTf[at];
                    acc.Scores[d] += term.Weight * tf / (tf + _lengthNorm[d]);
                    from = at + 1;
                }
                else
                {
                    from = ~at;
                }
            }
        }

        return Top(acc, docs, count, exclude);
    }

    private static ScoredItem[] Top(Accumulator acc, ReadOnlySpan<int> docs, int count, Func<int, bool>? exclude)
    {
        var top = new TopK(count);
        foreach (var d in docs)
        {
            var s = acc.Scores[d];
            if (s > top.Threshold && (exclude is null || !exclude(d)))
            {
                top.Add(d, s);
            }
        }

        return top.ToSortedArray();
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

        private QueryTerm[] _terms = new QueryTerm[16];
        private int[] _race = new int[256];

        public QueryTerm[] Terms(int count) => _terms.Length >= count ? _terms : _terms = new QueryTerm[count];

        public int[] Race() => _race;

        public int[] GrowRace()
        {
            var bigger = new int[_race.Length * 2];
            _race.CopyTo(bigger, 0);
            return _race = bigger;
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

    /// <summary>A query term as the search uses it.</summary>
    /// <param name="Id">Term id.</param>
    /// <param name="Weight">Query weight × idf × (k1 + 1).</param>
    /// <param name="Bound">The most this term adds to any document's score.</param>
    /// <param name="Remaining">The most this term and all after it add together.</param>
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Auto)]
    private readonly record struct QueryTerm(int Id, float Weight, float Bound, float Remaining = 0);
}
