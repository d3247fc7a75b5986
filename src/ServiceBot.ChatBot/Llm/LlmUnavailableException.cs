namespace ServiceBot.ChatBot.Llm;

/// <summary>A model call failed for good (after retries, or without trying because the circuit is open).</summary>
internal sealed class LlmUnavailableException : Exception
{
    public LlmUnavailableException(LlmFailure failure, string message, int attempts, Exception? inner = null)
        : base(message, inner)
    {
        Failure = failure;
        Attempts = attempts;
    }

    public LlmFailure Failure { get; }

    /// <summary>How many times the request was sent.</summary>
    public int Attempts { get; }
}
