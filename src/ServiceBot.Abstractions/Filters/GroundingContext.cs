using ServiceBot.Abstractions.Retrieval;

namespace ServiceBot.Abstractions.Filters;

/// <summary>
/// What a generated reply may state: the passages it was generated from. The generator sets it on
/// the turn (<c>turn.Features.Set(...)</c>); fact-checking filters read it. Text from the conversation
/// itself (what the customer said) also counts as supported and is read from the turn.
/// </summary>
/// <param name="Passages">Sources given to the model, with their ids for citations.</param>
public sealed record GroundingContext(IReadOnlyList<RetrievedPassage> Passages);
