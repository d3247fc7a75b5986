namespace ServiceBot.Abstractions.Knowledge;

/// <summary>What an import changed.</summary>
public sealed record KnowledgeImportSummary(int Added, int Updated, int Unchanged, int Deleted, long Revision);
