using ServiceBot.KbBot.Matching;

namespace ServiceBot.KbBot.Evaluation;

/// <summary>The recall/rerank configurations <c>eval kb --config</c> can run, by name.</summary>
public static class KbConfigurations
{
    /// <summary>Every configuration, in the order reports list them.</summary>
    public static IReadOnlyList<string> All { get; } = ["bm25", "vector", "hybrid", "hybrid+rerank"];

    /// <summary>True when <paramref name="name"/> (case-insensitive) names a configuration.</summary>
    public static bool IsKnown(string name) => TryParse(name, out _);

    internal static bool TryParse(string name, out MatchMode mode)
    {
        switch (name.Trim().ToLowerInvariant())
        {
            case "bm25":
                mode = MatchMode.Bm25;
                return true;
            case "vector":
                mode = MatchMode.Vector;
                return true;
            case "hybrid":
                mode = MatchMode.Hybrid;
                return true;
            case "hybrid+rerank":
                mode = MatchMode.HybridRerank;
                return true;
            default:
                mode = default;
                return false;
        }
    }

    internal static string NameOf(MatchMode mode) => All[(int)mode];
}
