namespace ServiceBot.TestLlm;

/// <summary>
/// How the test server answers <c>POST /v1/embeddings</c>: vectors from hashed character n-grams (so texts
/// sharing characters are close), of a configurable size, and the failures a real server shows.
/// </summary>
public sealed class TestLlmEmbeddings
{
    /// <summary>Length of the vectors returned.</summary>
    public int Dimensions { get; set; } = 64;

    /// <summary>When set, vectors of this length are returned instead (a server running another model).</summary>
    public int? WrongDimensions { get; set; }

    /// <summary>Wait before answering, in milliseconds.</summary>
    public int DelayMs { get; set; }

    /// <summary>When set, the server answers with this HTTP status and an OpenAI error body.</summary>
    public int? Status { get; set; }

    /// <summary>When set, the server answers 200 with this text as the whole body (for malformed answers).</summary>
    public string? RawBody { get; set; }
}
