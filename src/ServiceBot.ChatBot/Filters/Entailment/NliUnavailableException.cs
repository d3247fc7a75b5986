namespace ServiceBot.ChatBot.Filters.Entailment;

/// <summary>An NLI call failed; <see cref="Reason"/> says why in a form fit for the trace (no customer text).</summary>
internal sealed class NliUnavailableException : Exception
{
    public NliUnavailableException(NliFailure failure, string reason, Exception? inner = null)
        : base($"NLI endpoint unavailable: {reason}", inner)
    {
        Failure = failure;
        Reason = reason;
    }

    public NliFailure Failure { get; }

    /// <summary>E.g. <c>timeout</c>, <c>http-503</c>, <c>unreachable</c>, <c>malformed-response: expected 3 results, got 2</c>.</summary>
    public string Reason { get; }
}
