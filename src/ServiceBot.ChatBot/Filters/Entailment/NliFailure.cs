namespace ServiceBot.ChatBot.Filters.Entailment;

/// <summary>Why an NLI call gave no usable answer.</summary>
internal enum NliFailure
{
    /// <summary>No answer within <see cref="NliOptions.Timeout"/>.</summary>
    Timeout = 0,

    /// <summary>The server could not be reached (connection refused, reset, DNS).</summary>
    Unreachable,

    /// <summary>The server answered with an error status.</summary>
    HttpError,

    /// <summary>The answer is not the expected JSON (wrong shape, count or labels).</summary>
    MalformedResponse,
}
