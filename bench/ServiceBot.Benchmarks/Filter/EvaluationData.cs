using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace ServiceBot.Benchmarks.Filter;

/// <summary>Readers for the shared evaluation sets the rejector is measured on (read in place, never copied).</summary>
internal static class EvaluationData
{
    /// <summary>Every question of the BQ FAQ knowledge base (standard and similar) and its held-out queries.</summary>
    public static IEnumerable<string> BqQuestions(string data)
    {
        foreach (var line in File.ReadLines(Path.Combine(data, "faq-zh-bq/bq_faq_kb.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            yield return doc.RootElement.GetProperty("standard_question").GetString()!;
            foreach (var q in doc.RootElement.GetProperty("similar_questions").EnumerateArray())
            {
                yield return q.GetString()!;
            }
        }

        foreach (var line in File.ReadLines(Path.Combine(data, "faq-zh-bq/bq_faq_queries.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.String && property.Name != "faq_id")
                {
                    yield return property.Value.GetString()!;
                }
            }
        }
    }

    /// <summary>Both sides of the BQ look-alike pairs.</summary>
    public static IEnumerable<string> BqHardNegatives(string data)
    {
        foreach (var line in File.ReadLines(Path.Combine(data, "faq-zh-bq/bq_hard_negative_pairs.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.String && !property.Name.Contains("id", StringComparison.Ordinal))
                {
                    yield return property.Value.GetString()!;
                }
            }
        }
    }

    /// <summary>Chinese chit-chat: ChatterBot's Chinese corpus and Dialogflow's zh-CN small talk and support utterances.</summary>
    public static IEnumerable<string> ChitChatZh(string data)
    {
        foreach (var path in Directory.EnumerateFiles(Path.Combine(data, "chitchat/chatterbot-zh/chinese"), "*.yml").Order(StringComparer.Ordinal))
        {
            foreach (var raw in File.ReadLines(path))
            {
                var line = raw.TrimStart(' ', '-').Trim();
                if (line.Length > 0 && !line.EndsWith(':') && line.Any(c => c is >= '\u4e00' and <= '\u9fff'))
                {
                    yield return line;
                }
            }
        }

        foreach (var text in DialogflowUtterances(data, "small-talk_zh-CN").Concat(DialogflowUtterances(data, "support_zh-CN")))
        {
            yield return text;
        }
    }

    /// <summary>English customer questions: Banking77 (train and test) and CLINC150 (in-scope and out-of-scope).</summary>
    public static IEnumerable<string> EnglishQuestions(string data)
    {
        foreach (var file in new[] { "intents-en-banking77/train.csv", "intents-en-banking77/test.csv" })
        {
            foreach (var row in Csv(Path.Combine(data, file)).Skip(1))
            {
                yield return row[0];
            }
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(data, "intents-en-clinc150/clinc150_dev.json")));
        foreach (var split in doc.RootElement.EnumerateObject())
        {
            foreach (var pair in split.Value.EnumerateArray())
            {
                yield return pair[0].GetString()!;
            }
        }
    }

    /// <summary>English small talk and support utterances (Dialogflow prebuilt agents).</summary>
    public static IEnumerable<string> ChitChatEn(string data) =>
        DialogflowUtterances(data, "small-talk_en").Concat(DialogflowUtterances(data, "support_en"));

    /// <summary>Tensor Trust attacks: (set, attack text, dev split) for hijacking and extraction.</summary>
    public static IEnumerable<(string Set, string Text, bool Dev)> TensorTrust(string data)
    {
        foreach (var (file, set) in new[] { ("hijacking_robustness_dataset.jsonl", "tensor_trust hijacking"), ("extraction_robustness_dataset.jsonl", "tensor_trust extraction") })
        {
            var index = 0;
            foreach (var line in File.ReadLines(Path.Combine(data, "safety/tensor_trust", file)))
            {
                using var doc = JsonDocument.Parse(line);
                yield return (set, doc.RootElement.GetProperty("attack").GetString()!, index++ % 2 == 0);
            }
        }
    }

    /// <summary>GPTFuzzer jailbreak templates with a harmful question put in their placeholder, and the 25 short seeds.</summary>
    public static IEnumerable<(string Set, string Text, bool Dev)> GptFuzz(string data)
    {
        var questions = Csv(Path.Combine(data, "safety/gptfuzz/question_list.csv")).Skip(1).Select(r => r[1]).ToList();
        var index = 0;
        foreach (var row in Csv(Path.Combine(data, "safety/gptfuzz/GPTFuzzer.csv")).Skip(1))
        {
            yield return ("gptfuzz templates", row[1].Replace("[INSERT PROMPT HERE]", questions[index % questions.Count], StringComparison.Ordinal), index % 2 == 0);
            index++;
        }

        index = 0;
        foreach (var row in Csv(Path.Combine(data, "safety/gptfuzz/seed_short_25.csv")).Skip(1))
        {
            yield return ("gptfuzz short seeds", row[0].Replace("[INSERT PROMPT HERE]", questions[index % questions.Count], StringComparison.Ordinal), index % 2 == 0);
            index++;
        }
    }

    /// <summary>The project's Chinese set: (is attack, text).</summary>
    public static IEnumerable<(bool Attack, string Text)> ChineseInjectionSet(string repositoryRoot)
    {
        foreach (var line in File.ReadLines(Path.Combine(repositoryRoot, "tests/ServiceBot.SensitiveWords.Tests/Data/prompt-injection-zh.tsv")))
        {
            if (line.StartsWith('#') || line.Length == 0)
            {
                continue;
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            yield return (line[..tab] == "attack", line[(tab + 1)..]);
        }
    }

    /// <summary>Finds the repository root above the running assembly.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ServiceBot.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }

    /// <summary>The shared data folder: the argument, SERVICEBOT_SHARED_DATA, or ../shared/data beside the repository.</summary>
    public static string SharedData(string? argument) =>
        argument ?? Environment.GetEnvironmentVariable("SERVICEBOT_SHARED_DATA") ?? Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "data"));

    private static IEnumerable<string> DialogflowUtterances(string data, string agent)
    {
        var folder = Path.Combine(data, "chitchat/dialogflow-prebuilt", agent, "intents");
        foreach (var path in Directory.EnumerateFiles(folder, "*_usersays_*.json").Order(StringComparer.Ordinal))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            foreach (var example in doc.RootElement.EnumerateArray())
            {
                var text = new StringBuilder();
                foreach (var part in example.GetProperty("data").EnumerateArray())
                {
                    text.Append(part.GetProperty("text").GetString());
                }

                yield return text.ToString();
            }
        }
    }

    /// <summary>RFC 4180 CSV: quoted fields with doubled quotes and line breaks inside.</summary>
    internal static IEnumerable<string[]> Csv(string path)
    {
        var text = File.ReadAllText(path);
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                row.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                yield return [.. row];
                row.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            yield return [.. row];
        }
    }

    /// <summary>Formats a rate as a percentage with two decimals.</summary>
    public static string Percent(int part, int whole) =>
        whole == 0 ? "n/a" : (100.0 * part / whole).ToString("F2", CultureInfo.InvariantCulture) + " %";

    /// <summary>Reads gzip-compressed UTF-8 text.</summary>
    public static string ReadGzip(string path)
    {
        using var stream = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
