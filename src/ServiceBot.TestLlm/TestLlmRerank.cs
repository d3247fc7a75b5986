namespace ServiceBot.TestLlm;

/// <summary>
/// How the test server answers <c>POST /rerank</c> (TEI's shape) and <c>POST /v1/rerank</c> (Jina/Cohere's):
/// by default a document's score is the share of the query's character bigrams it holds; rules override it.
/// </summary>
public sealed class TestLlmRerank
{
    /// <summary>Documents containing a rule's text get its score; the first matching rule wins.</summary>
    public List<TestLlmRerankRule> Rules { get; set; } = [];

    /// <summary>Wait before answering, in milliseconds.</summary>
    public int DelayMs { get; set; }

    /// <summary>When set, the server answers with this HTTP status and an error body.</summary>
    public int? Status { get; set; }

    /// <summary>When set, the server answers 200 with this text as the whole body (for malformed answers).</summary>
    public string? RawBody { get; set; }
}
