using ServiceBot.Retrieval.Lexical;

namespace ServiceBot.KbBot.Matching;

/// <summary>A customer question prepared for matching: weighted terms, surface form, numbers and vector.</summary>
internal sealed class KbQuery
{
    public KbQuery(string text, string compact, WeightedTerm[] terms, IReadOnlyList<string> numbers, float[]? vector)
    {
        Text = text;
        Compact = compact;
        Terms = terms;
        Numbers = numbers;
        Vector = vector;
        OwnTerms = new HashSet<string>(terms.Where(t => t.Weight >= 1).Select(t => t.Term), StringComparer.Ordinal);
    }

    /// <summary>The normalized text.</summary>
    public string Text { get; }

    public string Compact { get; }

    /// <summary>The customer's terms (weight 1) and synonym expansions (lower weight).</summary>
    public WeightedTerm[] Terms { get; }

    /// <summary>The customer's own terms, without expansions.</summary>
    public HashSet<string> OwnTerms { get; }

    public IReadOnlyList<string> Numbers { get; }

    /// <summary>Unit vector, or null when vector recall is off or the embedder failed.</summary>
    public float[]? Vector { get; }
}
