using System.Diagnostics;
using Microsoft.Extensions.Logging;
using ServiceBot.Abstractions.Knowledge;
using ServiceBot.Abstractions.Text;
using ServiceBot.KbBot.Documents;
using ServiceBot.KbBot.Embedding;
using ServiceBot.KbBot.Matching;
using ServiceBot.KbBot.Ranking;
using ServiceBot.KbBot.Settings;
using ServiceBot.Retrieval.Lexical;
using ServiceBot.Retrieval.Vectors;

namespace ServiceBot.KbBot.Index;

/// <summary>
/// Builds a <see cref="KbSnapshot"/> from FAQ entries: analyzes every question, builds BM25 and
/// vectors, and fits the reranker and calibration on held-out paraphrases of the KB itself.
/// </summary>
/// <remarks>Thread-safe; each build works on its own data.</remarks>
internal sealed class KbIndexBuilder
{
    private readonly ITextAnalyzer _analyzer;
    private readonly IKbEncoderFactory? _encoders;
    private readonly ILogger _logger;

    public KbIndexBuilder(ITextAnalyzer analyzer, IKbEncoderFactory? encoders, ILogger logger)
    {
        _analyzer = analyzer;
        _encoders = encoders;
        _logger = logger;
    }

    /// <summary>Optional synonym lookup used for query expansion (set by the bot's synonym list).</summary>
    public Func<string, IReadOnlyList<string>>? Synonyms { get; init; }

    /// <summary>Document chunks indexed with the FAQ answers for QA recall (<see cref="KbSnapshot.Passages"/>).</summary>
    public IReadOnlyList<DocumentChunk> Chunks { get; init; } = [];

    /// <summary>The bot's data folder, where the embedder keeps trained models and indexes; null keeps nothing on disk.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>Also calibrates the configurations without rerank (for <c>eval kb</c>); the responder needs only the reranked ones.</summary>
    public bool CalibrateAllModes { get; init; }

    /// <summary>Builds the snapshot for <paramref name="entries"/> (disabled entries are left out).</summary>
    public async ValueTask<KbSnapshot> BuildAsync(string botId, long revision, IReadOnlyList<FaqEntry> entries, KbSettings settings, CancellationToken cancellationToken)
    {
        var live = entries.Where(e => e.Enabled).ToArray();
        var rows = AnalyzeRows(live);
        var bm25Parameters = new Bm25Parameters { K1 = settings.Recall.Bm25.K1, B = settings.Recall.Bm25.B };

        var model = RankerModel.Prior;
        TrainingReport? report = null;
        if (settings.Training.Enabled)
        {
            (model, report) = await TrainAsync(botId, live, rows, settings, bm25Parameters, cancellationToken).ConfigureAwait(false);
        }

        var (vectors, degraded) = await BuildVectorsAsync(botId, rows, live.Length, settings, cancellationToken).ConfigureAwait(false);
        var bm25 = Bm25Index.Build(rows.Select(r => (IReadOnlyList<string>)r.Terms).ToArray(), bm25Parameters);
        return new KbSnapshot(botId, revision, live, rows, bm25, vectors, model, settings) { DegradedReason = degraded, Training = report, Passages = BuildPassages(live, bm25Parameters) };
    }

    /// <summary>One row per distinct question of each entry; the standard question first.</summary>
    public KbRow[] AnalyzeRows(IReadOnlyList<FaqEntry> entries)
    {
        var rows = new List<KbRow>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var e = 0; e < entries.Count; e++)
        {
            seen.Clear();
            var entry = entries[e];
            AddRow(rows, seen, e, entry.StandardQuestion, true);
            foreach (var q in entry.SimilarQuestions)
            {
                AddRow(rows, seen, e, q, false);
            }
        }

        return [.. rows];
    }

    /// <summary>The QA index: every entry's answer as plain text, then every chunk under its heading path.</summary>
    public KbPassageIndex BuildPassages(IReadOnlyList<FaqEntry> entries, Bm25Parameters parameters)
    {
        var passages = new List<KbPassage>(entries.Count + Chunks.Count);
        var terms = new List<IReadOnlyList<string>>(passages.Capacity);
        for (var e = 0; e < entries.Count; e++)
        {
            var entry = entries[e];
            var answer = string.Equals(entry.Answer.Format, "markdown", StringComparison.OrdinalIgnoreCase)
                ? MarkdownDocumentReader.ToPlainText(entry.Answer.Text)
                : entry.Answer.Text.Trim();
            passages.Add(new KbPassage(KbPassage.FaqKind, entry.Id, entry.StandardQuestion, answer, e));
            terms.Add([.. _analyzer.Analyze(answer).Terms]);
        }

        foreach (var chunk in Chunks)
        {
            var text = chunk.Text.Trim();
            passages.Add(new KbPassage(KbPassage.DocumentKind, chunk.Id, chunk.Title, text, -1));
            terms.Add([.. _analyzer.Analyze(chunk.Title + "\n" + text).Terms]);
        }

        return new KbPassageIndex(passages, Bm25Index.Build(terms, parameters), Chunks.Count);
    }

    private void AddRow(List<KbRow> rows, HashSet<string> seen, int entry, string text, bool standard)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        var analyzed = _analyzer.Analyze(text);
        var compact = TextSimilarity.Compact(analyzed.Normalized);
        if (!seen.Add(compact))
        {
            return;
        }

        rows.Add(new KbRow(entry, standard, text, compact, [.. analyzed.Terms], TextSimilarity.Numbers(analyzed.Normalized)) { Normalized = analyzed.Normalized });
    }

    private async ValueTask<(KbVectors? Vectors, string? Degraded)> BuildVectorsAsync(string botId, KbRow[] rows, int entryCount, KbSettings settings, CancellationToken cancellationToken)
    {
        if (!settings.Recall.Vector)
        {
            return (null, "vector recall is off (kb.recall.vector)");
        }

        if (_encoders is null)
        {
            return (null, "no embedder is configured");
        }

        if (rows.Length == 0)
        {
            return (null, "the KB has no questions");
        }

        try
        {
            var request = new KbEncoderRequest(botId, rows, settings.Recall.Embedder, CacheDirectory);
            var (encoder, rowVectors) = await _encoders.BuildAsync(request, cancellationToken).ConfigureAwait(false);
            IVectorIndex index = rowVectors.Length >= HnswIndex.ExactBelow
                ? LoadOrCreateHnsw(botId, encoder, rowVectors)
                : FlatVectorIndex.Create(encoder.Dimensions, rowVectors);
            var centroids = new float[entryCount][];
            var sums = new float[entryCount][];
            for (var r = 0; r < rows.Length; r++)
            {
                var sum = sums[rows[r].Entry] ??= new float[encoder.Dimensions];
                System.Numerics.Tensors.TensorPrimitives.Add(sum, rowVectors[r], sum);
            }

            for (var e = 0; e < entryCount; e++)
            {
                centroids[e] = sums[e] ?? [];
                if (centroids[e].Length > 0)
                {
                    VectorMath.Normalize(centroids[e]);
                }
            }

            return (new KbVectors(encoder, index, rowVectors, centroids), null);
        }
        catch (KbEncoderUnavailableException e)
        {
            _logger.LogWarning(e, "Bot {BotId}: vector recall is unavailable, answering with BM25 only: {Reason}", botId, e.Message);
            return (null, e.Message);
        }
    }

    /// <summary>The HNSW graph saved with a local model when its rows are unchanged; otherwise built (and saved next to the model).</summary>
    private HnswIndex LoadOrCreateHnsw(string botId, IQueryEncoder encoder, float[][] rowVectors)
    {
        var path = (encoder as LocalKbEncoder)?.IndexPath;
        if (path is not null && File.Exists(path))
        {
            try
            {
                using var stream = File.OpenRead(path);
                var loaded = HnswIndex.Load(stream);
                if (loaded.Dimensions == encoder.Dimensions && loaded.Count == rowVectors.Length)
                {
                    return loaded;
                }

                _logger.LogWarning("Bot {BotId}: the saved vector index {Path} does not fit the rows; rebuilding it", botId, path);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or EndOfStreamException or ArgumentException or FormatException)
            {
                _logger.LogWarning(e, "Bot {BotId}: the saved vector index {Path} is unreadable; rebuilding it", botId, path);
            }
        }

        var clock = Stopwatch.StartNew();
        var index = HnswIndex.Create(encoder.Dimensions, rowVectors, HnswOptions.Default);
        _logger.LogInformation("Bot {BotId}: vector index (HNSW) built over {Rows} questions in {Elapsed:0} ms", botId, rowVectors.Length, clock.Elapsed.TotalMilliseconds);
        if (path is not null)
        {
            try
            {
                var temporary = path + ".tmp";
                using (var stream = File.Create(temporary))
                {
                    index.Save(stream);
                }

                File.Move(temporary, path, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _logger.LogWarning(e, "Bot {BotId}: could not save the vector index to {Path}", botId, path);
            }
        }

        return index;
    }

    private async ValueTask<(RankerModel Model, TrainingReport? Report)> TrainAsync(string botId, FaqEntry[] entries, KbRow[] rows, KbSettings settings, Bm25Parameters bm25Parameters, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var training = settings.Training;
        var random = new Random(training.Seed);

        // Held-out paraphrases: similar questions of entries that keep at least one other row.
        var rowsPerEntry = new int[entries.Length];
        foreach (var r in rows)
        {
            rowsPerEntry[r.Entry]++;
        }

        var eligible = Enumerable.Range(0, rows.Length).Where(i => !rows[i].IsStandard && rowsPerEntry[rows[i].Entry] > 1).ToList();
        Shuffle(eligible, random);
        var take = Math.Min(training.MaxHeldOut, (int)Math.Round(eligible.Count * training.HeldOutFraction));
        var heldOutIds = new HashSet<int>();
        var kept = (int[])rowsPerEntry.Clone();
        foreach (var i in eligible)
        {
            if (heldOutIds.Count >= take)
            {
                break;
            }

            if (kept[rows[i].Entry] > 1)
            {
                heldOutIds.Add(i);
                kept[rows[i].Entry]--;
            }
        }

        if (heldOutIds.Count < training.MinHeldOut)
        {
            return (RankerModel.Prior, new TrainingReport(heldOutIds.Count, 0, 0, double.NaN, true, clock.Elapsed.TotalMilliseconds));
        }

        var trainRows = rows.Where((_, i) => !heldOutIds.Contains(i)).ToArray();
        var heldOut = heldOutIds.Select(i => rows[i]).ToList();
        var (vectors, _) = await BuildVectorsAsync(botId, trainRows, entries.Length, settings, cancellationToken).ConfigureAwait(false);
        var reduced = new KbSnapshot(botId, 0, entries, trainRows, Bm25Index.Build(trainRows.Select(r => (IReadOnlyList<string>)r.Terms).ToArray(), bm25Parameters), vectors, RankerModel.Prior, settings);

        var queries = new List<(KbQuery Query, int Entry)>(heldOut.Count);
        foreach (var row in heldOut)
        {
            var utterance = _analyzer.Analyze(row.Text);
            var query = await FaqMatcher.PrepareAsync(reduced, utterance, Synonyms, cancellationToken).ConfigureAwait(false);
            queries.Add((query, row.Entry));
        }

        var split = (int)(queries.Count * 0.6);
        var rankerSet = queries.Take(split).ToList();
        var calibrationSet = queries.Skip(split).ToList();
        var vectorOnly = new List<int>();
        foreach (var i in PairFeature.VectorOnly)
        {
            vectorOnly.Add(i);
        }

        var prior = RankerModel.Prior;
        float[] hybridWeights = prior.Hybrid.Weights, lexicalWeights = prior.Lexical.Weights;
        WeightsChoice? hybrid = null, lexical = null;
        if (training.Rerank)
        {
            // Fitted weights are kept only where they rank the calibration questions (held out of the
            // fit) at least as well as the prior: a KB whose paraphrases are closer to each other than
            // customers' questions can teach the reranker the wrong lesson.
            if (vectors is not null)
            {
                var fitted = RankerTrainer.Fit(Lists(reduced, rankerSet, true), prior.Hybrid.Weights);
                hybrid = Choose(prior.Hybrid.Weights, fitted, true);
                hybridWeights = hybrid.Fitted ? fitted : hybridWeights;
            }

            var fittedLexical = RankerTrainer.Fit(Lists(reduced, rankerSet, false), prior.Lexical.Weights, vectorOnly);
            lexical = Choose(prior.Lexical.Weights, fittedLexical, false);
            lexicalWeights = lexical.Fitted ? fittedLexical : lexicalWeights;
        }

        var trained = new RankerModel(new LinearScorer(hybridWeights), new LinearScorer(lexicalWeights), new Dictionary<MatchMode, Calibrator>(), new Dictionary<MatchMode, Calibrator>());
        var scored = new KbSnapshot(botId, 0, entries, trainRows, reduced.Bm25, vectors, trained, settings);

        // Calibration: some questions have their own FAQ hidden, so "near but wrong" is seen too.
        var hidden = new bool[calibrationSet.Count];
        for (var i = 0; i < hidden.Length; i++)
        {
            hidden[i] = random.NextDouble() < training.UnanswerableFraction;
        }

        var modes = CalibrateAllModes ? new[] { MatchMode.Bm25, MatchMode.Vector, MatchMode.Hybrid, MatchMode.HybridRerank } : [MatchMode.HybridRerank];
        var calibrators = new Dictionary<MatchMode, Calibrator>();
        var lexicalCalibrators = new Dictionary<MatchMode, Calibrator>();
        double recallAt1 = double.NaN;
        foreach (var withVectors in vectors is null ? new[] { false } : [true, false])
        {
            foreach (var mode in modes)
            {
                if (mode is MatchMode.Vector or MatchMode.Hybrid && !withVectors)
                {
                    continue;
                }

                var samples = new List<(double, double, bool)>();
                int answerable = 0, top1 = 0;
                for (var i = 0; i < calibrationSet.Count; i++)
                {
                    var (query, entry) = calibrationSet[i];
                    var entryRows = scored.RowsByEntry[entry];
                    var match = FaqMatcher.Match(scored, query, mode, hidden[i] ? r => Array.IndexOf(entryRows, r) >= 0 : null, withVectors);

                    // The tiers act on the best candidate only, so the calibration answers "is the top one right?".
                    if (match.Top is { } top)
                    {
                        samples.Add((top.Score, top.Share, top.Entry == entry));
                    }

                    if (!hidden[i])
                    {
                        answerable++;
                        top1 += match.Top?.Entry == entry ? 1 : 0;
                    }
                }

                (withVectors ? calibrators : lexicalCalibrators)[mode] = Calibrator.Fit(samples);
                if (mode == MatchMode.HybridRerank && (withVectors || vectors is null))
                {
                    recallAt1 = answerable == 0 ? double.NaN : (double)top1 / answerable;
                }
            }
        }

        var model = new RankerModel(trained.Hybrid, trained.Lexical, calibrators, lexicalCalibrators);
        var report = new TrainingReport(heldOut.Count, rankerSet.Count, calibrationSet.Count, recallAt1, false, clock.Elapsed.TotalMilliseconds)
        {
            Hybrid = hybrid,
            Lexical = lexical,
        };
        _logger.LogInformation(
            "Bot {BotId}: reranker trained on {Ranker} held-out questions, calibrated on {Calibration}; held-out recall@1 {Recall:0.000}; weights: hybrid {Hybrid}, lexical {Lexical}; in {Elapsed:0} ms",
            botId, report.RankerQueries, report.CalibrationQueries, report.HeldOutRecallAt1, (object?)hybrid ?? "prior", (object?)lexical ?? "prior", report.ElapsedMs);
        return (model, report);

        // The pair features do not depend on the weights: the calibration questions are matched once
        // and both weight sets rank the same candidate lists.
        WeightsChoice Choose(float[] priorWeights, float[] fittedWeights, bool withVectors)
        {
            var lists = Lists(reduced, calibrationSet, withVectors);
            return WeightsChoice.Between(RecallAt1(lists, priorWeights), RecallAt1(lists, fittedWeights));
        }
    }

    /// <summary>Share of the lists whose right candidate scores highest under <paramref name="weights"/>; a list without it counts as wrong.</summary>
    private static double RecallAt1(List<(float[][] Candidates, int Correct)> lists, float[] weights)
    {
        if (lists.Count == 0)
        {
            return double.NaN;
        }

        var scorer = new LinearScorer(weights);
        var right = 0;
        foreach (var (candidates, correct) in lists)
        {
            var best = -1;
            var bestScore = double.NegativeInfinity;
            for (var i = 0; i < candidates.Length; i++)
            {
                var score = scorer.Score(candidates[i]);
                if (score > bestScore)
                {
                    (best, bestScore) = (i, score);
                }
            }

            right += correct >= 0 && best == correct ? 1 : 0;
        }

        return (double)right / lists.Count;
    }

    private static List<(float[][] Candidates, int Correct)> Lists(KbSnapshot snapshot, List<(KbQuery Query, int Entry)> set, bool vectors)
    {
        var lists = new List<(float[][], int)>(set.Count);
        foreach (var (query, entry) in set)
        {
            var match = FaqMatcher.Match(snapshot, query, MatchMode.HybridRerank, null, vectors);
            var features = new float[match.Candidates.Count][];
            var correct = -1;
            for (var i = 0; i < features.Length; i++)
            {
                features[i] = match.Candidates[i].Features;
                if (match.Candidates[i].Entry == entry)
                {
                    correct = i;
                }
            }

            lists.Add((features, correct));
        }

        return lists;
    }

    private static void Shuffle<T>(List<T> list, Random random)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }
}
