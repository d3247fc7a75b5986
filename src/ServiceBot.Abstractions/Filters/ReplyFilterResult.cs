namespace ServiceBot.Abstractions.Filters;

/// <summary>A reply filter's decision on one text.</summary>
/// <param name="Verdict">Pass, repaired or blocked.</param>
/// <param name="Text">The text to send on (the repaired text when repaired; the input otherwise).</param>
/// <param name="Reason">Why, for the trace (e.g. <c>unsupported-amount: ¥350</c>).</param>
public sealed record ReplyFilterResult(ReplyVerdict Verdict, string Text, string? Reason = null)
{
    public static ReplyFilterResult Pass(string text) => new(ReplyVerdict.Pass, text);

    public static ReplyFilterResult Repaired(string text, string reason) => new(ReplyVerdict.Repaired, text, reason);

    public static ReplyFilterResult Blocked(string text, string reason) => new(ReplyVerdict.Blocked, text, reason);
}
