using ServiceBot.Abstractions.Logging;

namespace ServiceBot.Core.Logging;

/// <summary>Keeps transcript text as it is; replaced by the PII detector when that feature is installed.</summary>
internal sealed class PassThroughRedactor : ITranscriptRedactor
{
    public string Redact(string botId, string text) => text;
}
