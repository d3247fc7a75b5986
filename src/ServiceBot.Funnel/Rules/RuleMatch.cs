namespace ServiceBot.Funnel.Rules;

/// <summary>A rule that matched a message, and how (exact, contains, pattern or intent).</summary>
internal sealed record RuleMatch(CompiledRule Rule, string How);
