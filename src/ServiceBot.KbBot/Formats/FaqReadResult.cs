using ServiceBot.Abstractions.Knowledge;

namespace ServiceBot.KbBot.Formats;

/// <summary>The entries read from an FAQ file and the validation report.</summary>
public sealed class FaqReadResult
{
    public FaqReadResult(IReadOnlyList<FaqEntry> entries, IReadOnlyList<FaqIssue> issues)
    {
        Entries = entries;
        Issues = issues;
    }

    /// <summary>Entries that parsed; only safe to import when <see cref="HasErrors"/> is false.</summary>
    public IReadOnlyList<FaqEntry> Entries { get; }

    public IReadOnlyList<FaqIssue> Issues { get; }

    public bool HasErrors => Issues.Any(i => i.Severity == FaqIssueSeverity.Error);

    public int ErrorCount => Issues.Count(i => i.Severity == FaqIssueSeverity.Error);

    public int WarningCount => Issues.Count(i => i.Severity == FaqIssueSeverity.Warning);
}
