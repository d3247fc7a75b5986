using System.Collections.Frozen;

namespace ServiceBot.KbBot.Formats;

/// <summary>
/// Column names of the tabular formats (CSV, xlsx): English snake_case names, and the Chinese
/// headers operators use, both accepted on import; exports write the English names.
/// </summary>
internal static class FaqColumns
{
    public const string Id = "id";
    public const string StandardQuestion = "standard_question";
    public const string SimilarQuestions = "similar_questions";
    public const string Answer = "answer";
    public const string AnswerFormat = "answer_format";
    public const string Buttons = "buttons";
    public const string Category = "category";
    public const string Tags = "tags";
    public const string Locale = "locale";
    public const string Enabled = "enabled";
    public const string ValidFrom = "valid_from";
    public const string ValidTo = "valid_to";

    /// <summary>Prefix of per-channel answer columns, e.g. <c>answer:msteams</c>.</summary>
    public const string ChannelAnswerPrefix = "answer:";

    public static readonly string[] Export = [Id, StandardQuestion, SimilarQuestions, Answer, AnswerFormat, Buttons, Category, Tags, Locale, Enabled, ValidFrom, ValidTo];

    private static readonly FrozenDictionary<string, string> Aliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["id"] = Id,
        ["faq_id"] = Id,
        ["编号"] = Id,
        ["standard_question"] = StandardQuestion,
        ["question"] = StandardQuestion,
        ["标准问题"] = StandardQuestion,
        ["标准问"] = StandardQuestion,
        ["similar_questions"] = SimilarQuestions,
        ["相似问题"] = SimilarQuestions,
        ["相似问"] = SimilarQuestions,
        ["answer"] = Answer,
        ["答案"] = Answer,
        ["answer_format"] = AnswerFormat,
        ["答案格式"] = AnswerFormat,
        ["buttons"] = Buttons,
        ["按钮"] = Buttons,
        ["category"] = Category,
        ["分类"] = Category,
        ["tags"] = Tags,
        ["标签"] = Tags,
        ["locale"] = Locale,
        ["语言"] = Locale,
        ["enabled"] = Enabled,
        ["启用"] = Enabled,
        ["valid_from"] = ValidFrom,
        ["生效时间"] = ValidFrom,
        ["valid_to"] = ValidTo,
        ["失效时间"] = ValidTo,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The canonical name of a header cell, or null for an unknown column.</summary>
    public static string? Canonical(string header)
    {
        var h = header.Trim().TrimStart('\uFEFF');
        if (h.StartsWith(ChannelAnswerPrefix, StringComparison.OrdinalIgnoreCase) && h.Length > ChannelAnswerPrefix.Length)
        {
            return ChannelAnswerPrefix + h[ChannelAnswerPrefix.Length..].Trim();
        }

        return Aliases.TryGetValue(h, out var name) ? name : null;
    }
}
