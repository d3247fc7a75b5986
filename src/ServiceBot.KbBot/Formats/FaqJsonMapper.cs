using System.Globalization;
using System.Text.Json;
using ServiceBot.Abstractions.Knowledge;

namespace ServiceBot.KbBot.Formats;

/// <summary>
/// Reads an FAQ entry from a JSON object written in camelCase (<c>faq.json</c>) or snake_case
/// (<c>{faq_id, standard_question, similar_questions[]}</c> of the faq-zh-bq data set).
/// </summary>
internal static class FaqJsonMapper
{
    public static FaqEntry? FromJson(JsonElement e, string location, List<FaqIssue> issues)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            issues.Add(new FaqIssue(FaqIssueSeverity.Error, location, null, $"expected an object, found {e.ValueKind}."));
            return null;
        }

        var before = issues.Count;
        var id = Str(e, location, null, issues, "id", "faq_id") ?? "";
        if (id.Length == 0)
        {
            issues.Add(new FaqIssue(FaqIssueSeverity.Error, location, null, "the id is empty or missing."));
        }

        var entry = new FaqEntry
        {
            Id = id,
            StandardQuestion = Str(e, location, id, issues, "standardQuestion", "standard_question", "question") ?? "",
            SimilarQuestions = Strings(e, location, id, issues, "similarQuestions", "similar_questions"),
            Answer = Answer(Find(e, "answer"), location, id, issues) ?? new RichAnswer(),
            Category = Str(e, location, id, issues, "category"),
            Tags = Strings(e, location, id, issues, "tags"),
            Locale = Str(e, location, id, issues, "locale"),
            Enabled = Find(e, "enabled") is { } en ? (en.ValueKind is JsonValueKind.True or JsonValueKind.False ? en.GetBoolean() : Bad<bool>(issues, location, id, "enabled must be true or false.", true)) : true,
            ValidFrom = Date(e, location, id, issues, "validFrom", "valid_from"),
            ValidTo = Date(e, location, id, issues, "validTo", "valid_to"),
        };

        if (Find(e, "channelAnswers", "channel_answers") is { ValueKind: JsonValueKind.Object } channels)
        {
            foreach (var p in channels.EnumerateObject())
            {
                if (Answer(p.Value, location, id, issues) is { } a)
                {
                    entry.ChannelAnswers[p.Name] = a;
                }
            }
        }

        return issues.Count > before ? null : entry;
    }

    private static JsonElement? Find(JsonElement e, params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null)
            {
                return v;
            }
        }

        return null;
    }

    private static string? Str(JsonElement e, string location, string? id, List<FaqIssue> issues, params ReadOnlySpan<string> names)
    {
        if (Find(e, names) is not { } v)
        {
            return null;
        }

        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => Bad<string?>(issues, location, id, $"{names[0]} must be a string.", null),
        };
    }

    private static List<string> Strings(JsonElement e, string location, string? id, List<FaqIssue> issues, params ReadOnlySpan<string> names)
    {
        if (Find(e, names) is not { } v)
        {
            return [];
        }

        if (v.ValueKind != JsonValueKind.Array)
        {
            return Bad<List<string>>(issues, location, id, $"{names[0]} must be an array of strings.", []);
        }

        var list = new List<string>(v.GetArrayLength());
        foreach (var item in v.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return Bad<List<string>>(issues, location, id, $"{names[0]} must be an array of strings.", []);
            }

            list.Add(item.GetString()!);
        }

        return list;
    }

    private static RichAnswer? Answer(JsonElement? value, string location, string id, List<FaqIssue> issues)
    {
        switch (value)
        {
            case null:
                return null;
            case { ValueKind: JsonValueKind.String } s:
                return RichAnswer.Plain(s.GetString()!);
            case { ValueKind: JsonValueKind.Object } o:
                var answer = new RichAnswer
                {
                    Text = Str(o, location, id, issues, "text") ?? "",
                    Format = (Str(o, location, id, issues, "format") ?? "plain").ToLowerInvariant(),
                };
                if (answer.Format is not ("plain" or "markdown"))
                {
                    issues.Add(new FaqIssue(FaqIssueSeverity.Error, location, id, $"answer format '{answer.Format}' is not plain or markdown."));
                }

                if (Find(o, "buttons") is { } buttons)
                {
                    if (buttons.ValueKind != JsonValueKind.Array)
                    {
                        issues.Add(new FaqIssue(FaqIssueSeverity.Error, location, id, "answer.buttons must be an array."));
                    }
                    else
                    {
                        foreach (var b in buttons.EnumerateArray())
                        {
                            var title = b.ValueKind == JsonValueKind.Object ? Str(b, location, id, issues, "title") : null;
                            if (string.IsNullOrWhiteSpace(title))
                            {
                                issues.Add(new FaqIssue(FaqIssueSeverity.Error, location, id, "every answer button needs a title."));
                                continue;
                            }

                            var type = Str(b, location, id, issues, "type") ?? "imBack";
                            if (type is not ("imBack" or "openUrl"))
                            {
                                issues.Add(new FaqIssue(FaqIssueSeverity.Error, location, id, $"button type '{type}' is not imBack or openUrl."));
                            }

                            answer.Buttons.Add(new AnswerButton { Title = title, Type = type, Value = Str(b, location, id, issues, "value") });
                        }
                    }
                }

                return answer;
            default:
                return Bad<RichAnswer?>(issues, location, id, "answer must be a string or an object {text, format, buttons}.", null);
        }
    }

    private static DateTimeOffset? Date(JsonElement e, string location, string id, List<FaqIssue> issues, params ReadOnlySpan<string> names)
    {
        var s = Str(e, location, id, issues, names);
        if (s is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)
            ? d
            : Bad<DateTimeOffset?>(issues, location, id, $"{names[0]} '{s}' is not an ISO 8601 date.", null);
    }

    private static T Bad<T>(List<FaqIssue> issues, string location, string? id, string message, T fallback)
    {
        issues.Add(new FaqIssue(FaqIssueSeverity.Error, location, id, message));
        return fallback;
    }
}
