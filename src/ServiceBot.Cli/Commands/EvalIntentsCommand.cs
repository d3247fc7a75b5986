using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.VisualBasic.FileIO;
using ServiceBot.TaskBot.Dialogs;
using ServiceBot.TaskBot.Extraction;
using ServiceBot.TaskBot.Nlu;

namespace ServiceBot.Cli.Commands;

/// <summary>
/// <c>servicebot eval intents</c>: trains TaskBot's intent classifier on a labelled set and reports
/// accuracy, macro-F1 and, where the set has out-of-scope examples, in-scope accuracy and
/// out-of-scope recall/precision, with train time and per-utterance latency.
/// </summary>
internal static class EvalIntentsCommand
{
    private const string OutOfScope = "oos";

    public static Command Create()
    {
        var train = new Option<FileInfo>("--train") { Description = "Training file.", Required = true };
        var test = new Option<FileInfo?>("--test") { Description = "Test file (default: the training file's test part, for clinc150)." };
        var format = new Option<string>("--format") { Description = "clinc150 | banking77 | smp2019 (default: from the file name)." };
        var threshold = new Option<double>("--threshold") { Description = "Probability under which a prediction counts as out of scope (default 0.2, chosen on CLINC150 val).", DefaultValueFactory = _ => 0.2 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object with snake_case keys." };
        var defaults = new IntentTrainingOptions();
        var epochs = new Option<int>("--epochs") { Description = $"Training passes (default {defaults.Epochs}).", DefaultValueFactory = _ => defaults.Epochs };
        var charGrams = new Option<int>("--max-char-gram") { Description = $"Longest character n-gram (default {defaults.MaxCharGram}).", DefaultValueFactory = _ => defaults.MaxCharGram };
        var learningRate = new Option<float>("--learning-rate") { Description = $"Initial SGD step (default {defaults.LearningRate}).", DefaultValueFactory = _ => defaults.LearningRate };
        var l2 = new Option<float>("--l2") { Description = $"L2 regularization (default {defaults.L2}).", DefaultValueFactory = _ => defaults.L2 };
        var command = new Command("intents", "Evaluate the TaskBot intent classifier on CLINC150, Banking77 or SMP-ECDT 2019 data.") { train, test, format, threshold, json, epochs, charGrams, learningRate, l2 };
        command.SetAction((parse, cancellationToken) =>
        {
            var trainFile = parse.GetValue(train)!;
            var testFile = parse.GetValue(test) ?? trainFile;
            var kind = parse.GetValue(format) ?? Guess(trainFile.Name);
            if (!trainFile.Exists || !testFile.Exists)
            {
                Console.Error.WriteLine($"servicebot eval intents: {(trainFile.Exists ? testFile : trainFile).FullName} does not exist.");
                return Task.FromResult(2);
            }

            if (!SegmentCommand.TryCreateAnalysis(null, null, out var analysis, out var exit))
            {
                return Task.FromResult(exit);
            }

            using (analysis)
            {
                List<(string Text, string Label)> trainSet, testSet;
                try
                {
                    (trainSet, testSet) = Read(kind, trainFile.FullName, testFile.FullName);
                }
                catch (Exception e) when (e is JsonException or InvalidDataException or MalformedLineException or KeyNotFoundException)
                {
                    Console.Error.WriteLine($"servicebot eval intents: cannot read {kind} data: {e.Message}");
                    return Task.FromResult(2);
                }

                var started = Stopwatch.GetTimestamp();
                var examples = trainSet.Select(e => Example(analysis.Analyzer, e.Text, e.Label)).ToList();
                var model = IntentClassifier.Train(examples, new IntentTrainingOptions
                {
                    Epochs = parse.GetValue(epochs),
                    MaxCharGram = parse.GetValue(charGrams),
                    LearningRate = parse.GetValue(learningRate),
                    L2 = parse.GetValue(l2),
                });
                var trainSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;

                var predictStarted = Stopwatch.GetTimestamp();
                var predicted = new List<string>(testSet.Count);
                foreach (var (text, _) in testSet)
                {
                    var utterance = analysis.Analyzer.Analyze(text);
                    var prediction = model.Predict(utterance.Normalized, utterance.Terms, top: 1);
                    predicted.Add(prediction.Probability < parse.GetValue(threshold) ? OutOfScope : prediction.Label);
                }

                var latencyMs = Stopwatch.GetElapsedTime(predictStarted).TotalMilliseconds / Math.Max(1, testSet.Count);
                (double Precision, double Recall, double F1)? slots = kind == "smp2019" ? EvaluateSlots(SmpSpans(trainFile.FullName), SmpSpans(testFile.FullName)) : null;
                Report(parse.GetValue(json), kind, testSet, predicted, trainSeconds, latencyMs, model, slots);
                return Task.FromResult(0);
            }
        });
        return command;
    }

    private static IntentExample Example(Abstractions.Text.ITextAnalyzer analyzer, string text, string label)
    {
        var utterance = analyzer.Analyze(text);
        return new IntentExample(utterance.Normalized, utterance.Terms, label);
    }

    private static void Report(bool json, string kind, List<(string Text, string Label)> test, List<string> predicted, double trainSeconds, double latencyMs, IntentClassifier model, (double Precision, double Recall, double F1)? slots)
    {
        var labels = test.Select(t => t.Label).Concat(predicted).Distinct(StringComparer.Ordinal).ToList();
        var correct = test.Where((t, i) => t.Label == predicted[i]).Count();
        var f1s = new List<double>();
        foreach (var label in labels.Where(l => test.Exists(t => t.Label == l)))
        {
            var tp = test.Where((t, i) => t.Label == label && predicted[i] == label).Count();
            var fp = test.Where((t, i) => t.Label != label && predicted[i] == label).Count();
            var fn = test.Where((t, i) => t.Label == label && predicted[i] != label).Count();
            f1s.Add(tp == 0 ? 0 : 2.0 * tp / ((2.0 * tp) + fp + fn));
        }

        var inScope = test.Select((t, i) => (t, i)).Where(p => p.t.Label != OutOfScope).ToList();
        var oos = test.Select((t, i) => (t, i)).Where(p => p.t.Label == OutOfScope).ToList();
        var predictedOos = predicted.Count(p => p == OutOfScope);
        var report = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["format"] = kind,
            ["test_size"] = test.Count,
            ["labels"] = model.Labels.Count,
            ["accuracy"] = Math.Round((double)correct / test.Count, 4),
            ["macro_f1"] = Math.Round(f1s.Average(), 4),
            ["in_scope_accuracy"] = Math.Round(inScope.Count(p => predicted[p.i] == p.t.Label) / (double)Math.Max(1, inScope.Count), 4),
            ["oos_recall"] = oos.Count == 0 ? null : Math.Round(oos.Count(p => predicted[p.i] == OutOfScope) / (double)oos.Count, 4),
            ["oos_precision"] = oos.Count == 0 ? null : Math.Round(oos.Count(p => predicted[p.i] == OutOfScope) / (double)Math.Max(1, predictedOos), 4),
            ["train_seconds"] = Math.Round(trainSeconds, 2),
            ["latency_ms"] = Math.Round(latencyMs, 3),
            ["features"] = model.FeatureCount,
            ["model_mb"] = Math.Round(model.ModelBytes / 1048576.0, 1),
            ["temperature"] = Math.Round(model.Temperature, 3),
            ["slot_precision"] = slots is { } p ? Math.Round(p.Precision, 4) : null,
            ["slot_recall"] = slots is { } r ? Math.Round(r.Recall, 4) : null,
            ["slot_f1"] = slots is { } f ? Math.Round(f.F1, 4) : null,
        };
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(report));
            return;
        }

        foreach (var (key, value) in report)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{key,-18} {value ?? "-"}"));
        }
    }

    private static (List<(string, string)> Train, List<(string, string)> Test) Read(string kind, string trainPath, string testPath)
    {
        switch (kind)
        {
            case "clinc150":
                using (var trainDoc = JsonDocument.Parse(File.ReadAllText(trainPath)))
                using (var testDoc = JsonDocument.Parse(File.ReadAllText(testPath)))
                {
                    var train = Pairs(trainDoc, "train", "oos_train");
                    var test = testDoc.RootElement.TryGetProperty("test", out _) ? Pairs(testDoc, "test", "oos_test") : Pairs(testDoc, "val", "oos_val");
                    return (train, test);
                }

            case "banking77":
                return (Csv(trainPath), Csv(testPath));
            case "smp2019":
                return (Smp(trainPath), Smp(testPath));
            default:
                throw new InvalidDataException($"unknown format '{kind}'; use clinc150, banking77 or smp2019.");
        }
    }

    private static List<(string, string)> Pairs(JsonDocument document, string key, string oosKey)
    {
        var result = new List<(string, string)>();
        foreach (var name in new[] { key, oosKey })
        {
            if (!document.RootElement.TryGetProperty(name, out var items))
            {
                continue;
            }

            foreach (var item in items.EnumerateArray())
            {
                result.Add((item[0].GetString() ?? "", item[1].GetString() ?? ""));
            }
        }

        return result.Count > 0 ? result : throw new InvalidDataException($"no '{key}' examples.");
    }

    private static List<(string, string)> Csv(string path)
    {
        using var parser = new TextFieldParser(path) { Delimiters = [","], HasFieldsEnclosedInQuotes = true };
        var result = new List<(string, string)>();
        parser.ReadFields();
        while (!parser.EndOfData)
        {
            var fields = parser.ReadFields() ?? [];
            if (fields.Length >= 2)
            {
                result.Add((fields[0], fields[1]));
            }
        }

        return result;
    }

    // One character per line with its slot tag, the intent on the block's last line, blank lines between.
    private static List<(string, string)> Smp(string path)
    {
        var result = new List<(string, string)>();
        var text = new System.Text.StringBuilder();
        string? last = null;
        foreach (var line in File.ReadLines(path).Append(""))
        {
            if (line.Length == 0)
            {
                if (last is not null && text.Length > 0 && !last.Contains('\t', StringComparison.Ordinal))
                {
                    result.Add((text.ToString(), last));
                }

                text.Clear();
                last = null;
                continue;
            }

            if (last is not null && !last.Contains('\t', StringComparison.Ordinal))
            {
                // The previous line was a label but the block goes on: malformed.
                throw new InvalidDataException($"unexpected line after intent '{last}' in {path}.");
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab > 0)
            {
                text.Append(line.AsSpan(0, tab));
                last = line;
            }
            else
            {
                last = line.Trim();
            }
        }

        return result;
    }

    // Slots as TaskBot fills entity-list slots: every value a slot had in training becomes a value
    // of an entity type named after the slot, and the entity extractors tag the test sentences
    // (longest match first). Spans count as right only with the same start, end and slot.
    private static (double Precision, double Recall, double F1) EvaluateSlots(List<(string Text, List<(int Start, int End, string Slot)> Spans)> train, List<(string Text, List<(int Start, int End, string Slot)> Spans)> test)
    {
        var extractors = train
            .SelectMany(t => t.Spans.Select(span => (span.Slot, Value: t.Text[span.Start..span.End])))
            .GroupBy(p => p.Slot, StringComparer.Ordinal)
            .Select(g => new EntitySlotExtractor(g.Key, g.Select(p => p.Value).Distinct(StringComparer.Ordinal).Select(v => new EntityValue { Value = v })))
            .ToList();
        int truePositives = 0, predictedCount = 0, goldCount = 0;
        var found = new List<SlotCandidate>();
        foreach (var (text, gold) in test)
        {
            var input = new ExtractionInput(text, DateTimeOffset.UnixEpoch, "zh-CN");
            var candidates = new List<(int Start, int End, string Slot)>();
            foreach (var extractor in extractors)
            {
                found.Clear();
                extractor.Extract(input, found);
                candidates.AddRange(found.Select(c => (c.Start, c.Start + c.Length, extractor.TypeName)));
            }

            var chosen = new List<(int Start, int End, string Slot)>();
            foreach (var candidate in candidates.OrderByDescending(c => c.End - c.Start).ThenBy(c => c.Start))
            {
                if (!chosen.Exists(c => candidate.Start < c.End && c.Start < candidate.End))
                {
                    chosen.Add(candidate);
                }
            }

            predictedCount += chosen.Count;
            goldCount += gold.Count;
            truePositives += chosen.Count(gold.Contains);
        }

        var precision = predictedCount == 0 ? 0 : (double)truePositives / predictedCount;
        var recall = goldCount == 0 ? 0 : (double)truePositives / goldCount;
        return (precision, recall, precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall));
    }

    // The slot spans of SMP's character-per-line BIOES tags.
    private static List<(string Text, List<(int Start, int End, string Slot)> Spans)> SmpSpans(string path)
    {
        var result = new List<(string, List<(int, int, string)>)>();
        var text = new System.Text.StringBuilder();
        var spans = new List<(int, int, string)>();
        var open = -1;
        foreach (var line in File.ReadLines(path).Append(""))
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab < 0)
            {
                if (line.Length == 0 && text.Length > 0)
                {
                    result.Add((text.ToString(), [.. spans]));
                    text.Clear();
                    spans.Clear();
                    open = -1;
                }

                continue;
            }

            var tag = line[(tab + 1)..].Trim();
            var at = text.Length;
            text.Append(line.AsSpan(0, tab));
            switch (tag.Length > 2 ? tag[0] : 'O')
            {
                case 'B':
                    open = at;
                    break;
                case 'E' when open >= 0:
                    spans.Add((open, text.Length, tag[2..]));
                    open = -1;
                    break;
                case 'S':
                    spans.Add((at, text.Length, tag[2..]));
                    break;
                case 'I':
                    break;
                default:
                    open = -1;
                    break;
            }
        }

        return result;
    }

    private static string Guess(string fileName) =>
        fileName.Contains("clinc", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? "clinc150"
        : fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? "banking77"
        : "smp2019";
}
