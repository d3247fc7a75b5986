namespace ServiceBot.TestLlm;

/// <summary>
/// One scripted behaviour of the test model server: when it applies, what it answers, and how
/// (delay, chunk pace, an HTTP error, a dropped connection).
/// </summary>
public sealed class TestLlmRule
{
    /// <summary>Conditions; null matches every request.</summary>
    public TestLlmMatch? When { get; set; }

    public TestLlmReplyMode Mode { get; set; } = TestLlmReplyMode.Fixed;

    /// <summary>The reply for <see cref="TestLlmReplyMode.Fixed"/> and <see cref="TestLlmReplyMode.Loop"/>.</summary>
    public string? Reply { get; set; }

    /// <summary>When set, the server answers with this HTTP status and an OpenAI error body instead of a completion.</summary>
    public int? Status { get; set; }

    /// <summary>The error message for <see cref="Status"/>.</summary>
    public string? ErrorMessage { get; set; }

    /// <summary>Sent as <c>Retry-After</c> with an error status.</summary>
    public int? RetryAfterSeconds { get; set; }

    /// <summary>How many requests the rule serves before it stops matching; null for every request.</summary>
    public int? Times { get; set; }

    /// <summary>Wait before the response starts (headers included), in milliseconds.</summary>
    public int DelayMs { get; set; }

    /// <summary>Wait between streamed chunks, in milliseconds.</summary>
    public int ChunkDelayMs { get; set; }

    /// <summary>Characters per streamed chunk.</summary>
    public int ChunkSize { get; set; } = 4;

    /// <summary>Drops the connection after this many streamed chunks, without a final chunk or <c>[DONE]</c>.</summary>
    public int? DisconnectAfterChunks { get; set; }

    /// <summary>How many times <see cref="TestLlmReplyMode.Loop"/> repeats its text.</summary>
    public int LoopCount { get; set; } = 8;

    /// <summary>The <c>finish_reason</c> reported; <c>length</c> for loops unless set.</summary>
    public string? FinishReason { get; set; }
}
