namespace ServiceBot.Abstractions.Logging;

/// <summary>
/// Masks personal data (phone numbers, ID and card numbers, emails) in text before it is stored in
/// the conversation log. The default keeps text unchanged; the PII detector replaces it when a bot's
/// policy asks for masking.
/// </summary>
/// <remarks>Thread-safe; never throws.</remarks>
public interface ITranscriptRedactor
{
    string Redact(string botId, string text);
}
