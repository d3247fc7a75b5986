namespace ServiceBot.KbBot.Index;

/// <summary>The embedder cannot produce vectors (server down, timeout, wrong dimensions); the message says which.</summary>
internal sealed class KbEncoderUnavailableException : Exception
{
    public KbEncoderUnavailableException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
