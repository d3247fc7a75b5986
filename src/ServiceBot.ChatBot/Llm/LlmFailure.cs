namespace ServiceBot.ChatBot.Llm;

/// <summary>Why a model call gave no usable answer.</summary>
internal enum LlmFailure
{
    /// <summary>No response started within the time allowed.</summary>
    Timeout = 0,

    /// <summary>The server kept failing (5xx, 429, connection errors) through every retry.</summary>
    Unavailable,

    /// <summary>The circuit is open after repeated failures; the call was not attempted.</summary>
    CircuitOpen,

    /// <summary>Too many calls in flight on this replica; the call waited and gave up.</summary>
    Busy,

    /// <summary>The server refused the request (4xx other than 429): a configuration or prompt problem.</summary>
    Rejected,

    /// <summary>The stream broke or stalled after it started.</summary>
    Interrupted,
}
