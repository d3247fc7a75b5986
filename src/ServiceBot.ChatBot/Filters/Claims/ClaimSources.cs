namespace ServiceBot.ChatBot.Filters.Claims;

/// <summary>The sources of one turn as the claims check reads them.</summary>
/// <param name="Text">All sources, one per line, for the sweeping-word check.</param>
/// <param name="Clauses">Every clause of every source.</param>
internal sealed record ClaimSources(string Text, IReadOnlyList<ClaimClause> Clauses);
