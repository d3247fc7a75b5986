using ServiceBot.Abstractions.Filters;

namespace ServiceBot.ChatBot.Filters.Claims;

/// <summary>The outcome of checking a reply's claims against its sources.</summary>
/// <param name="Verdict">Pass, repaired (sentences removed) or blocked.</param>
/// <param name="Text">The reply to send: the input, or what is left after removing sentences.</param>
/// <param name="Unsupported">What was found: <c>absolute</c> with the word, or <c>contradiction</c> with the clause.</param>
/// <param name="RemovedSentences">How many sentences were removed.</param>
internal sealed record ClaimCheck(ReplyVerdict Verdict, string Text, IReadOnlyList<(string Kind, string Text)> Unsupported, int RemovedSentences)
{
    /// <summary>For the trace: <c>unsupported-absolute: 立即; contradiction: 定制商品也可以退货</c>.</summary>
    public string Reason => string.Join("; ", Unsupported.Select(u => (u.Kind == "absolute" ? "unsupported-absolute: " : "contradiction: ") + u.Text));
}
