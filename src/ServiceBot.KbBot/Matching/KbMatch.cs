namespace ServiceBot.KbBot.Matching;

/// <summary>The result of matching one query: candidates best first, and how they were found.</summary>
/// <param name="Query">The prepared query.</param>
/// <param name="Candidates">Candidates by descending probability.</param>
/// <param name="Mode">The configuration that ranked them (BM25-only rerank when vectors were unavailable).</param>
/// <param name="VectorsUsed">False when vector recall was off or failed.</param>
internal sealed record KbMatch(KbQuery Query, IReadOnlyList<KbCandidate> Candidates, MatchMode Mode, bool VectorsUsed)
{
    public KbCandidate? Top => Candidates.Count > 0 ? Candidates[0] : null;
}
