namespace ServiceBot.TestLlm;

/// <summary>A scripted relevance score for documents containing a text.</summary>
public sealed class TestLlmRerankRule
{
    /// <summary>The document contains this text (ordinal).</summary>
    public string Contains { get; set; } = "";

    /// <summary>The relevance score in [0, 1].</summary>
    public double Score { get; set; } = 0.99;
}
