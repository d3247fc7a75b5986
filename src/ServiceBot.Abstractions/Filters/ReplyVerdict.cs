namespace ServiceBot.Abstractions.Filters;

/// <summary>What a reply filter decided.</summary>
public enum ReplyVerdict
{
    /// <summary>The text is fine as it is.</summary>
    Pass = 0,

    /// <summary>The filter fixed the text (removed a sentence, masked a word, cut a loop); use <see cref="ReplyFilterResult.Text"/>.</summary>
    Repaired,

    /// <summary>The reply must not be sent; the customer gets the best safe alternative.</summary>
    Blocked,
}
