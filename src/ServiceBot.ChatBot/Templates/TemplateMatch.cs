namespace ServiceBot.ChatBot.Templates;

/// <summary>A template that matched a message.</summary>
/// <param name="Template">The template.</param>
/// <param name="Pattern">The pattern or regex that matched, for the trace.</param>
/// <param name="Coverage">Share of the message the pattern's literal text covers, in (0, 1]; 1 for an exact pattern.</param>
/// <param name="Captures">Captured text by name.</param>
internal sealed record TemplateMatch(ChitChatTemplate Template, string Pattern, double Coverage, IReadOnlyDictionary<string, string> Captures);
