namespace ServiceBot.Abstractions.Knowledge;

/// <summary>A change to a bot's knowledge base, announced so every replica refreshes its indexes.</summary>
/// <param name="BotId">The bot whose KB changed.</param>
/// <param name="Revision">The KB revision after the change.</param>
/// <param name="EntryIds">Entries that changed; empty means "reload everything".</param>
/// <param name="Origin">Id of the replica that made the change, so it can skip its own notice.</param>
public sealed record KnowledgeChange(string BotId, long Revision, IReadOnlyList<string> EntryIds, string Origin);
