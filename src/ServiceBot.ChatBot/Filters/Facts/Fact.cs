namespace ServiceBot.ChatBot.Filters.Facts;

/// <summary>One checkable statement found in a text.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Start">Offset in the text.</param>
/// <param name="Length">Length in the text.</param>
/// <param name="Low">
/// Numeric kinds: the value in canonical units (amounts in the currency, durations in minutes, times
/// in minutes after midnight), or the start of a range.
/// </param>
/// <param name="High">The end of a range, the other reading of an ambiguous time (9点 = 9:00 or 21:00), else <paramref name="Low"/>.</param>
/// <param name="Key">
/// The canonical text of string kinds (digits of a phone, lower-case email, URL without scheme),
/// the currency of an amount, <c>year|month|day</c> of a date, the classifier or noun of a count,
/// or whether a duration is in working or calendar days.
/// </param>
/// <param name="Surface">The numbers as written (7 and 3 in "7天", "3个工作日"), which lenient checks compare.</param>
internal sealed record Fact(FactKind Kind, int Start, int Length, double Low, double High, string? Key, double[] Surface)
{
    /// <summary>Kinds compared by value whatever their unit or classifier.</summary>
    public bool IsLenient => Kind is FactKind.Count or FactKind.Number;

    public string TextIn(string text) => text.Substring(Start, Length);
}
