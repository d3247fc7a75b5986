using ServiceBot.Abstractions.Text;
using ServiceBot.KbBot.Index;
using ServiceBot.KbBot.Ranking;
using ServiceBot.Retrieval;
using ServiceBot.Retrieval.Fusion;
using ServiceBot.Retrieval.Lexical;
using ServiceBot.Retrieval.Vectors;

namespace ServiceBot.KbBot.Matching;

/// <summary>
/// Matches a query against a snapshot: BM25 and vector recall over question rows, aggregation to
/// FAQ entries, fusion, pair features, reranking and calibration.
/// </summary>
/// <remarks>Stateless and thread-safe; everything it reads is in the immutable snapshot.</remarks>
internal static class FaqMatcher
{
    private const int MaxRowsScored = 64;
    private const int SurfaceRows = 3;

    /// <summary>Prepares an analyzed utterance: weighted terms (synonyms at a lower weight), surface form, and a vector when the snapshot has an encoder.</summary>
    public static async ValueTask<KbQuery> PrepareAsync(KbSnapshot snapshot, AnalyzedUtterance utterance, Func<string, IReadOnlyList<string>>? synonyms, CancellationToken cancellationToken)
    {
        float[]? vector = null;
        if (snapshot.Vectors is { } vectors && !utterance.IsEmpty)
        {
            vector = await vectors.Encoder.EncodeAsync(utterance, cancellationToken).ConfigureAwait(false);
        }

        return Prepare(utterance, snapshot.Settings.Recall.SynonymWeight, synonyms, vector);
    }

    public static KbQuery Prepare(AnalyzedUtterance utterance, float synonymWeight, Func<string, IReadOnlyList<string>>? synonyms, float[]? vector)
    {
        var terms = new List<WeightedTerm>(utterance.Terms.Count);
        var own = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in utterance.Terms)
        {
            if (own.Add(t))
            {
                terms.Add(new WeightedTerm(t, 1));
            }
        }

        if (synonyms is not null && synonymWeight > 0)
        {
            var added = new HashSet<string>(StringComparer.Ordinal);
            foreach (var t in own)
            {
                foreach (var s in synonyms(t))
                {
                    if (!own.Contains(s) && added.Add(s))
                    {
                        terms.Add(new WeightedTerm(s, synonymWeight));
                    }
                }
            }
        }

        return new KbQuery(utterance.Normalized, TextSimilarity.Compact(utterance.Normalized), [.. terms], TextSimilarity.Numbers(utterance.Normalized), vector);
    }

    /// <summary>Ranks the snapshot's entries for <paramref name="query"/>; rows for which <paramref name="excludeRow"/> is true take no part.</summary>
    public static KbMatch Match(KbSnapshot snapshot, KbQuery query, MatchMode mode, Func<int, bool>? excludeRow = null, bool allowVectors = true)
    {
        var settings = snapshot.Settings.Recall;
        var vectors = allowVectors && query.Vector is not null ? snapshot.Vectors : null;
        if (mode == MatchMode.Vector && vectors is null)
        {
            return new KbMatch(query, [], mode, false);
        }

        var bm25Rows = mode == MatchMode.Vector ? [] : snapshot.Bm25.Search(query.Terms, settings.Rows, excludeRow);
        var vectorRows = vectors is null || mode == MatchMode.Bm25 ? [] : vectors.Rows.Search(query.Vector, settings.Rows, excludeRow);

        var bm25Entries = ByEntry(snapshot, bm25Rows);
        var vectorEntries = ByEntry(snapshot, vectorRows);
        var fused = settings.Fusion == FusionMode.Weighted
            ? RankFusion.Weighted([bm25Entries.List, vectorEntries.List], [(float)settings.LexicalWeight, 1 - (float)settings.LexicalWeight])
            : RankFusion.Reciprocal([bm25Entries.List, vectorEntries.List], settings.RrfK);

        var order = mode switch
        {
            MatchMode.Bm25 => bm25Entries.List,
            MatchMode.Vector => vectorEntries.List,
            _ => fused,
        };

        var count = Math.Min(settings.Candidates, order.Length);
        if (count == 0)
        {
            return new KbMatch(query, [], mode, vectors is not null);
        }

        var selfScore = Math.Max(snapshot.Bm25.SelfScore(query.Terms), 1e-6f);
        var topBm25 = bm25Entries.List.Length > 0 ? bm25Entries.List[0].Score : 0;
        var topVector = vectorEntries.List.Length > 0 ? vectorEntries.List[0].Score : 0;
        var keyTerm = KeyTerm(snapshot.Bm25, query);
        var fusedRank = new Dictionary<int, int>(fused.Length);
        for (var i = 0; i < fused.Length; i++)
        {
            fusedRank[fused[i].Id] = i;
        }

        var candidates = new List<KbCandidate>(count);
        for (var i = 0; i < count; i++)
        {
            var entry = order[i].Id;
            candidates.Add(Describe(snapshot, query, vectors, entry, excludeRow, bm25Entries, vectorEntries, selfScore, topBm25, topVector, keyTerm, fusedRank, fused));
        }

        var exact = snapshot.ExactQuestionEntry(query.Compact, excludeRow);
        foreach (var c in candidates)
        {
            c.IsExactQuestion = c.Entry == exact;
        }

        Score(snapshot, candidates, mode, vectors is not null);
        return new KbMatch(query, candidates, mode, vectors is not null);
    }

    /// <summary>Sets score, share and probability of each candidate for <paramref name="mode"/> and sorts them best first.</summary>
    public static void Score(KbSnapshot snapshot, List<KbCandidate> candidates, MatchMode mode, bool vectors)
    {
        var model = snapshot.Model;
        var scorer = vectors ? model.Hybrid : model.Lexical;
        foreach (var c in candidates)
        {
            c.Score = RawScore(c, mode, scorer);
        }

        var max = candidates.Max(c => c.Score);
        var sum = candidates.Sum(c => Math.Exp(c.Score - max));
        var calibrator = model.CalibratorFor(mode, vectors);
        foreach (var c in candidates)
        {
            c.Share = Math.Exp(c.Score - max) / sum;
            c.Probability = calibrator.Probability(c.Score, c.Share);
        }

        candidates.Sort(static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Entry.CompareTo(b.Entry));
    }

    /// <summary>The ranking score of a candidate under a configuration.</summary>
    public static double RawScore(KbCandidate c, MatchMode mode, LinearScorer scorer) => mode switch
    {
        MatchMode.Bm25 => c.Features[PairFeature.Bm25Norm] * 4,
        MatchMode.Vector => c.Features[PairFeature.VectorSim] * 10,
        MatchMode.Hybrid => c.Fused * 60,
        _ => scorer.Score(c.Features),
    };

    private static KbCandidate Describe(
        KbSnapshot snapshot, KbQuery query, KbVectors? vectors, int entry, Func<int, bool>? excludeRow,
        EntryHits bm25Entries, EntryHits vectorEntries, float selfScore, float topBm25, float topVector, string? keyTerm,
        Dictionary<int, int> fusedRank, ScoredItem[] fused)
    {
        var f = new float[PairFeature.Count];
        f[PairFeature.Bias] = 1;
        var rows = snapshot.RowsByEntry[entry];

        // BM25: the best row from recall, or scored directly when the entry came from vector recall only.
        int bestBm25Row;
        float bm25;
        if (bm25Entries.Best.TryGetValue(entry, out var hit))
        {
            (bestBm25Row, bm25) = hit;
        }
        else
        {
            (bestBm25Row, bm25) = (-1, 0f);
            for (var i = 0; i < rows.Length && i < MaxRowsScored; i++)
            {
                var r = rows[i];
                if (excludeRow is not null && excludeRow(r))
                {
                    continue;
                }

                var s = snapshot.Bm25.Score(query.Terms, snapshot.Rows[r].Terms, r);
                if (bestBm25Row < 0 || s > bm25)
                {
                    (bestBm25Row, bm25) = (r, s);
                }
            }
        }

        f[PairFeature.Bm25Norm] = Math.Min(2f, bm25 / selfScore);
        f[PairFeature.Bm25RankRecip] = 1f / (1 + bm25Entries.Rank.GetValueOrDefault(entry, 100));
        f[PairFeature.Bm25Gap] = Math.Max(-2f, (bm25 - topBm25) / selfScore);

        var bestVectorRow = -1;
        if (vectors is not null && query.Vector is not null)
        {
            float sim;
            if (vectorEntries.Best.TryGetValue(entry, out var vhit))
            {
                (bestVectorRow, sim) = vhit;
            }
            else
            {
                sim = -1;
                for (var i = 0; i < rows.Length && i < MaxRowsScored; i++)
                {
                    var r = rows[i];
                    if (excludeRow is not null && excludeRow(r))
                    {
                        continue;
                    }

                    var s = VectorMath.Dot(query.Vector, vectors.RowVectors[r]);
                    if (s > sim)
                    {
                        (bestVectorRow, sim) = (r, s);
                    }
                }
            }

            f[PairFeature.VectorSim] = Math.Max(0, sim);
            f[PairFeature.VectorRankRecip] = 1f / (1 + vectorEntries.Rank.GetValueOrDefault(entry, 100));
            f[PairFeature.VectorGap] = Math.Max(-1, sim - topVector);
            var centroid = vectors.Centroids[entry];
            f[PairFeature.CentroidSim] = centroid.Length == 0 ? 0 : Math.Max(0, VectorMath.Dot(query.Vector, centroid));
        }

        // Surface features over the few rows most likely to be the paraphrase, plus the standard question.
        Span<int> probe = stackalloc int[SurfaceRows];
        var probes = 0;
        AddProbe(probe, ref probes, bestBm25Row);
        AddProbe(probe, ref probes, bestVectorRow);
        if (rows.Length > 0 && (excludeRow is null || !excludeRow(rows[0])))
        {
            AddProbe(probe, ref probes, rows[0]);
        }

        var bestDice = 0f;
        var bestDiceRow = bestBm25Row >= 0 ? bestBm25Row : (probes > 0 ? probe[0] : -1);
        foreach (var r in probe[..probes])
        {
            var row = snapshot.Rows[r];
            var dice = TextSimilarity.CharBigramDice(query.Compact, row.Compact);
            if (dice > bestDice)
            {
                bestDice = dice;
                bestDiceRow = r;
            }

            f[PairFeature.EditSim] = Math.Max(f[PairFeature.EditSim], TextSimilarity.EditSimilarity(query.Compact, row.Compact));
            var (queryCoverage, rowCoverage, synonymOverlap) = Coverage(snapshot.Bm25, query, row.Terms);
            f[PairFeature.QueryCoverage] = Math.Max(f[PairFeature.QueryCoverage], queryCoverage);
            f[PairFeature.RowCoverage] = Math.Max(f[PairFeature.RowCoverage], rowCoverage);
            f[PairFeature.SynonymOverlap] = Math.Max(f[PairFeature.SynonymOverlap], synonymOverlap);
        }

        f[PairFeature.CharDice] = bestDice;
        if (bestDiceRow >= 0)
        {
            var row = snapshot.Rows[bestDiceRow];
            var lq = query.Compact.Length;
            var lr = row.Compact.Length;
            f[PairFeature.LengthRatio] = lq == 0 || lr == 0 ? 0 : (float)Math.Min(lq, lr) / Math.Max(lq, lr);
            f[PairFeature.IsStandard] = row.IsStandard ? 1 : 0;
            f[PairFeature.NumberAgreement] = NumberAgreement(query.Numbers, row.Numbers);
        }

        if (keyTerm is not null)
        {
            for (var i = 0; i < rows.Length && i < MaxRowsScored; i++)
            {
                if (Array.IndexOf(snapshot.Rows[rows[i]].Terms, keyTerm) >= 0 && (excludeRow is null || !excludeRow(rows[i])))
                {
                    f[PairFeature.KeyTermHit] = 1;
                    break;
                }
            }
        }

        f[PairFeature.RowCount] = (float)Math.Log(1 + rows.Length) / 5;
        f[PairFeature.FusedRank] = 1f / (1 + fusedRank.GetValueOrDefault(entry, 100));

        var bestRow = bestBm25Row >= 0 ? bestBm25Row : (bestVectorRow >= 0 ? bestVectorRow : (rows.Length > 0 ? rows[0] : 0));
        return new KbCandidate(entry, snapshot.Entries[entry], f, bestRow)
        {
            Bm25 = bm25,
            Fused = fusedRank.TryGetValue(entry, out var fr) ? fused[fr].Score : 0,
        };
    }

    private static void AddProbe(Span<int> probe, ref int count, int row)
    {
        if (row < 0 || count >= probe.Length || probe[..count].Contains(row))
        {
            return;
        }

        probe[count++] = row;
    }

    private static (float Query, float Row, float Synonym) Coverage(Bm25Index bm25, KbQuery query, string[] rowTerms)
    {
        float queryTotal = 0, queryHit = 0, synonymTotal = 0, synonymHit = 0;
        foreach (var t in query.Terms)
        {
            var idf = bm25.Idf(t.Term);
            var present = Array.IndexOf(rowTerms, t.Term) >= 0;
            if (t.Weight >= 1)
            {
                queryTotal += idf;
                queryHit += present ? idf : 0;
            }
            else
            {
                synonymTotal += idf;
                synonymHit += present ? idf : 0;
            }
        }

        float rowTotal = 0, rowHit = 0;
        foreach (var t in rowTerms)
        {
            var idf = bm25.Idf(t);
            rowTotal += idf;
            rowHit += query.OwnTerms.Contains(t) ? idf : 0;
        }

        return (queryTotal > 0 ? queryHit / queryTotal : 0, rowTotal > 0 ? rowHit / rowTotal : 0, synonymTotal > 0 ? synonymHit / synonymTotal : 0);
    }

    private static float NumberAgreement(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        foreach (var x in a)
        {
            foreach (var y in b)
            {
                if (string.Equals(x, y, StringComparison.Ordinal))
                {
                    return 1;
                }
            }
        }

        return -1;
    }

    private static string? KeyTerm(Bm25Index bm25, KbQuery query)
    {
        string? best = null;
        var bestIdf = 0f;
        foreach (var t in query.OwnTerms)
        {
            if (bm25.DocumentFrequency(t) == 0)
            {
                continue;
            }

            var idf = bm25.Idf(t);
            if (idf > bestIdf)
            {
                (best, bestIdf) = (t, idf);
            }
        }

        return best;
    }

    private static EntryHits ByEntry(KbSnapshot snapshot, ScoredItem[] rows)
    {
        var best = new Dictionary<int, (int Row, float Score)>();
        var list = new List<ScoredItem>();
        foreach (var hit in rows)
        {
            var entry = snapshot.Rows[hit.Id].Entry;
            if (best.TryAdd(entry, (hit.Id, hit.Score)))
            {
                list.Add(new ScoredItem(entry, hit.Score));
            }
        }

        var rank = new Dictionary<int, int>(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            rank[list[i].Id] = i;
        }

        return new EntryHits([.. list], best, rank);
    }

    private sealed record EntryHits(ScoredItem[] List, Dictionary<int, (int Row, float Score)> Best, Dictionary<int, int> Rank);
}
