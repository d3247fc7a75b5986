using ServiceBot.Abstractions.Knowledge;

namespace ServiceBot.KbBot.Formats;

/// <summary>
/// Checks a set of FAQ entries as a whole: duplicate ids, empty questions and answers, and the same
/// question under two entries (which makes matching ambiguous). Removes repeated similar questions within an entry.
/// </summary>
internal static class FaqValidator
{
    public static void Validate(List<FaqEntry> entries, List<string> locations, List<FaqIssue> issues, FaqReadOptions options)
    {
        var normalize = options.Normalize ?? (s => s.Trim().ToLowerInvariant());
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var questions = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var at = locations[i];
            if (!ids.TryAdd(e.Id, i))
            {
                issues.Add(new FaqIssue(FaqIssueSeverity.Error, at, e.Id, $"duplicate id: {locations[ids[e.Id]]} has the same id."));
            }

            if (string.IsNullOrWhiteSpace(e.StandardQuestion))
            {
                issues.Add(new FaqIssue(FaqIssueSeverity.Error, at, e.Id, "the standard question is empty."));
                continue;
            }

            if (string.IsNullOrWhiteSpace(e.Answer.Text) && !options.AllowEmptyAnswers)
            {
                issues.Add(new FaqIssue(FaqIssueSeverity.Error, at, e.Id, "the answer is empty."));
            }

            if (e.ValidFrom is { } from && e.ValidTo is { } to && to <= from)
            {
                issues.Add(new FaqIssue(FaqIssueSeverity.Error, at, e.Id, "valid_to is not after valid_from."));
            }

            var own = new HashSet<string>(StringComparer.Ordinal);
            var kept = new List<string>(e.SimilarQuestions.Count);
            foreach (var (question, standard) in e.SimilarQuestions.Select(q => (q, false)).Prepend((e.StandardQuestion, true)))
            {
                var key = normalize(question);
                if (key.Length == 0)
                {
                    continue;
                }

                if (!own.Add(key))
                {
                    issues.Add(new FaqIssue(FaqIssueSeverity.Warning, at, e.Id, $"similar question '{question}' repeats a question of the same entry; it is dropped."));
                    continue;
                }

                if (questions.TryGetValue(key, out var other) && other != i)
                {
                    issues.Add(new FaqIssue(FaqIssueSeverity.Error, at, e.Id, $"question '{question}' is also a question of {entries[other].Id} ({locations[other]}); one question cannot lead to two answers."));
                }
                else
                {
                    questions[key] = i;
                }

                if (!standard)
                {
                    kept.Add(question.Trim());
                }
            }

            e.SimilarQuestions = kept;
        }
    }
}
