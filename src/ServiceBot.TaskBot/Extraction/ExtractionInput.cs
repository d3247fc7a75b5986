namespace ServiceBot.TaskBot.Extraction;

/// <summary>
/// A message prepared for extraction: the normalized text (half-width, lower case, simplified
/// Chinese), the customer's "now" in their own time zone and the reply locale.
/// </summary>
public sealed class ExtractionInput(string text, DateTimeOffset now, string locale)
{
    public string Text { get; } = text;

    public DateTimeOffset Now { get; } = now;

    public string Locale { get; } = locale;
}
