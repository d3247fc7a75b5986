namespace ServiceBot.SensitiveWords.Rejection;

/// <summary>The <c>rejector.pii</c> section: what to do with phone numbers, ID cards, bank cards and e-mail addresses in messages.</summary>
internal sealed class PiiSettings
{
    public RejectAction Action { get; set; } = RejectAction.Log;

    /// <summary>Whether stored transcripts have PII masked (the conversation log's redactor).</summary>
    public bool RedactTranscripts { get; set; } = true;
}
