using ServiceBot.Abstractions.Logging;
using ServiceBot.SensitiveWords.Pii;

namespace ServiceBot.SensitiveWords.Rejection;

/// <summary>
/// Masks phone numbers, ID cards (checksum-valid), bank cards (Luhn-valid) and e-mail addresses
/// in transcripts before they are stored, unless the bot turns it off with
/// <c>rejector.pii.redact-transcripts: false</c>. A bot not loaded yet is redacted. Thread-safe.
/// </summary>
internal sealed class PiiTranscriptRedactor(RejectorRegistry registry) : ITranscriptRedactor
{
    public string Redact(string botId, string text)
    {
        if (string.IsNullOrEmpty(text) || registry.Current(botId) is { Settings.Pii.RedactTranscripts: false })
        {
            return text;
        }

        return PiiDetector.Mask(text, PiiDetector.Find(text));
    }
}
