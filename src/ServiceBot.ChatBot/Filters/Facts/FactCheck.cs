using ServiceBot.Abstractions.Filters;

namespace ServiceBot.ChatBot.Filters.Facts;

/// <summary>The outcome of checking a reply's facts against its sources.</summary>
/// <param name="Verdict">Pass, repaired (sentences removed) or blocked.</param>
/// <param name="Text">The reply to send: the input, or what is left after removing sentences.</param>
/// <param name="Unsupported">The facts the sources do not state, with their text.</param>
/// <param name="RemovedSentences">How many sentences were removed.</param>
internal sealed record FactCheck(ReplyVerdict Verdict, string Text, IReadOnlyList<(Fact Fact, string Text)> Unsupported, int RemovedSentences)
{
    /// <summary>For the trace: <c>unsupported-amount: ¥10; unsupported-phone: 400-820-1234</c>.</summary>
    public string Reason => string.Join("; ", Unsupported.Select(u => "unsupported-" + KindName(u.Fact.Kind) + ": " + u.Text));

    private static string KindName(FactKind kind) => kind switch
    {
        FactKind.Amount => "amount",
        FactKind.Percent => "percent",
        FactKind.Discount => "discount",
        FactKind.Multiplier => "multiplier",
        FactKind.Duration => "duration",
        FactKind.Time => "time",
        FactKind.Date => "date",
        FactKind.Count => "count",
        FactKind.Number => "number",
        FactKind.Phone => "phone",
        FactKind.Email => "email",
        FactKind.Url => "url",
        FactKind.Identifier => "id",
        _ => "name",
    };
}
