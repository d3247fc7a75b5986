namespace ServiceBot.TestLlm;

/// <summary>A scripted verdict of the <c>/predict</c> entailment endpoint for hypotheses containing a text.</summary>
public sealed class TestLlmNliRule
{
    /// <summary>The hypothesis contains this text (ordinal); null matches every pair.</summary>
    public string? Contains { get; set; }

    /// <summary><c>entailment</c>, <c>neutral</c> or <c>contradiction</c>.</summary>
    public string Label { get; set; } = "entailment";

    public double Score { get; set; } = 0.95;

    /// <summary>When set, <c>/predict</c> answers with this HTTP status instead.</summary>
    public int? Status { get; set; }

    /// <summary>When set, <c>/predict</c> answers 200 with this text as the whole body (for malformed answers).</summary>
    public string? RawBody { get; set; }

    public int DelayMs { get; set; }
}
