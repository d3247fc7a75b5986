namespace ServiceBot.KbBot.Reranking;

/// <summary>The cross-encoder gave no usable scores; <see cref="Exception.Message"/> is a short reason such as "cross-encoder timed out".</summary>
internal sealed class KbCrossEncoderUnavailableException : Exception
{
    public KbCrossEncoderUnavailableException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
