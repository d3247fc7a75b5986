using ServiceBot.Abstractions.Nlu;

namespace ServiceBot.Funnel.Rules;

/// <summary>A rule that matched a message, and how (exact, contains, pattern or intent); <paramref name="Intent"/> is the recognized intent when it was an intent.</summary>
internal sealed record RuleMatch(CompiledRule Rule, string How, RecognizedIntent? Intent = null);
