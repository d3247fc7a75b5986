using System.Text;
using System.Text.Json;
using ServiceBot.Abstractions.Knowledge;
using ServiceBot.KbBot.Formats;

namespace ServiceBot.KbBot.Evaluation;

/// <summary>
/// Reads the files of <c>eval kb</c>: the KB (every FAQ import format, or an intents CSV as one entry
/// per intent), the labelled questions and the questions without an answer.
/// </summary>
/// <remarks>
/// An intents CSV is recognised by its header: a <c>text</c> column and a <c>category</c>, <c>intent</c>
/// or <c>label</c> column (Banking77's <c>train.csv</c>/<c>test.csv</c>). As a KB, each intent becomes an
/// entry whose id is the intent and whose questions are its utterances in file order; as questions, each
/// row asks for its intent. Stateless.
/// </remarks>
public static class KbEvalFiles
{
    private static readonly string[] IntentColumns = ["category", "intent", "label"];

    /// <summary>Reads and validates the KB; entries need no answer (evaluation sets are question-only).</summary>
    public static async Task<FaqReadResult> ReadKbAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (File.Exists(path) && IsIntentsCsv(path))
        {
            return ReadIntentsKb(path, await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken).ConfigureAwait(false));
        }

        return await FaqFiles.ReadAsync(path, new FaqReadOptions { AllowEmptyAnswers = true }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads labelled questions: JSONL <c>{"query": "…", "faq_id": "…" | null, "locale": optional}</c>,
    /// or an intents CSV (<c>.csv</c>). With <paramref name="negatives"/>, every question is one without an
    /// answer and a line is either such a JSON object (its <c>faq_id</c> ignored) or plain text.
    /// </summary>
    /// <exception cref="KbEvalFileException">The file is missing or a line is malformed; the message names the file and line.</exception>
    public static async Task<List<KbEvalQuery>> ReadQueriesAsync(string path, bool negatives, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = Path.GetFileName(path);
        if (!File.Exists(path))
        {
            throw new KbEvalFileException($"'{path}' does not exist.");
        }

        if (!negatives && string.Equals(Path.GetExtension(path), ".csv", StringComparison.OrdinalIgnoreCase))
        {
            return ReadIntentQueries(name, await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken).ConfigureAwait(false));
        }

        var list = new List<KbEvalQuery>();
        var number = 0;
        foreach (var line in await File.ReadAllLinesAsync(path, Encoding.UTF8, cancellationToken).ConfigureAwait(false))
        {
            number++;
            var trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }

            if (negatives && trimmed[0] != '{')
            {
                list.Add(new KbEvalQuery(trimmed, null));
                continue;
            }

            list.Add(ParseQueryLine(name, number, trimmed, negatives));
        }

        return list;
    }

    private static KbEvalQuery ParseQueryLine(string name, int number, string line, bool negative)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            var e = doc.RootElement;
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("query", out var q) || q.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(q.GetString()))
            {
                throw new KbEvalFileException($"{name} line {number}: expected {{\"query\": \"…\"{(negative ? "" : ", \"faq_id\": \"…\" or null")}}} with a non-empty query.");
            }

            string? id = null;
            if (!negative && e.TryGetProperty("faq_id", out var f))
            {
                id = f.ValueKind switch
                {
                    JsonValueKind.String => f.GetString(),
                    JsonValueKind.Number => f.GetRawText(),
                    JsonValueKind.Null => null,
                    _ => throw new KbEvalFileException($"{name} line {number}: faq_id must be a string or null."),
                };
            }

            var locale = e.TryGetProperty("locale", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : null;
            return new KbEvalQuery(q.GetString()!, string.IsNullOrWhiteSpace(id) ? null : id, locale);
        }
        catch (JsonException ex)
        {
            throw new KbEvalFileException($"{name} line {number}: invalid JSON ({ex.Message}).", ex);
        }
    }

    private static bool IsIntentsCsv(string path)
    {
        if (!string.Equals(Path.GetExtension(path), ".csv", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        using var reader = new StreamReader(path, Encoding.UTF8);
        var header = reader.ReadLine();
        return header is not null && IntentHeader(CsvCodec.Read(header, (_, _) => { }).FirstOrDefault().Fields ?? []) is not null;
    }

    /// <summary>The text and intent column indexes when the header is an intents header.</summary>
    private static (int Text, int Intent)? IntentHeader(List<string> header)
    {
        var names = header.Select(h => h.Trim().ToLowerInvariant()).ToList();
        var text = names.IndexOf("text");
        var intent = names.FindIndex(n => IntentColumns.Contains(n, StringComparer.Ordinal));
        return text >= 0 && intent >= 0 && !names.Contains("id", StringComparer.Ordinal) ? (text, intent) : null;
    }

    private static IEnumerable<(int Line, string Text, string Intent)> IntentRows(string name, string content)
    {
        (int Text, int Intent)? columns = null;
        string? error = null;
        foreach (var (line, fields) in CsvCodec.Read(content, (l, m) => error ??= $"{name} line {l}: invalid CSV: {m}"))
        {
            if (columns is null)
            {
                columns = IntentHeader(fields) ?? throw new KbEvalFileException($"{name} line {line}: expected a header with a 'text' and a 'category' (or 'intent', 'label') column.");
                continue;
            }

            if (fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            var (t, i) = columns.Value;
            var text = t < fields.Count ? fields[t].Trim() : "";
            var intent = i < fields.Count ? fields[i].Trim() : "";
            if (text.Length == 0 || intent.Length == 0)
            {
                throw new KbEvalFileException($"{name} line {line}: the {(text.Length == 0 ? "text" : "category")} is empty.");
            }

            yield return (line, text, intent);
        }

        if (error is not null)
        {
            throw new KbEvalFileException(error);
        }

        if (columns is null)
        {
            throw new KbEvalFileException($"{name}: the file is empty; it needs a header row.");
        }
    }

    private static List<KbEvalQuery> ReadIntentQueries(string name, string content) =>
        [.. IntentRows(name, content).Select(r => new KbEvalQuery(r.Text, r.Intent))];

    private static FaqReadResult ReadIntentsKb(string path, string content)
    {
        var name = Path.GetFileName(path);
        var byIntent = new Dictionary<string, (FaqEntry Entry, string Location)>(StringComparer.Ordinal);
        try
        {
            foreach (var (line, text, intent) in IntentRows(name, content))
            {
                if (byIntent.TryGetValue(intent, out var known))
                {
                    known.Entry.SimilarQuestions.Add(text);
                }
                else
                {
                    byIntent[intent] = (new FaqEntry { Id = intent, StandardQuestion = text, SimilarQuestions = [] }, $"line {line}");
                }
            }
        }
        catch (KbEvalFileException e)
        {
            return new FaqReadResult([], [new FaqIssue(FaqIssueSeverity.Error, path, null, e.Message)]);
        }

        var entries = byIntent.Values.Select(v => v.Entry).ToList();
        var locations = byIntent.Values.Select(v => v.Location).ToList();
        var issues = new List<FaqIssue>();
        FaqValidator.Validate(entries, locations, issues, new FaqReadOptions { AllowEmptyAnswers = true });
        return new FaqReadResult(entries, issues.Select(i => i with { Location = $"{name}: {i.Location}" }).ToList());
    }
}
