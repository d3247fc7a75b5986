using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.Retrieval;
using ServiceBot.Abstractions.Text;
using ServiceBot.KbBot.Index;
using ServiceBot.KbBot.Matching;
using ServiceBot.Retrieval;
using ServiceBot.Retrieval.Fusion;

namespace ServiceBot.KbBot.Responding;

/// <summary>
/// Recalls passages for grounding generated replies over the live KB snapshot: the FAQ entries ranked by
/// question matching (QQ) and the answers and document chunks ranked by QA recall, fused by reciprocal rank.
/// </summary>
/// <remarks>
/// An FAQ entry found both ways counts once with both ranks, so an answer whose question and text both
/// fit comes first; a document chunk competes on its QA rank alone. The score is the fused RRF score.
/// </remarks>
internal sealed class KbKnowledgeRetriever(KbRegistry registry, KbService service) : IKnowledgeRetriever
{
    // QA recall looks deeper than the passages asked for, so fusion has candidates from both lists to weigh.
    private const int QaDepthFactor = 4;

    public async ValueTask<IReadOnlyList<RetrievedPassage>> RetrieveAsync(BotDefinition bot, AnalyzedUtterance query, int count, CancellationToken cancellationToken)
    {
        var snapshot = registry.Get(bot.Id);
        if (snapshot is null || (snapshot.Entries.Count == 0 && snapshot.Passages.ChunkCount == 0) || query.IsEmpty || count <= 0)
        {
            return [];
        }

        KbQuery prepared;
        try
        {
            prepared = await FaqMatcher.PrepareAsync(snapshot, query, service.SynonymsFor(bot.Id), cancellationToken).ConfigureAwait(false);
        }
        catch (KbEncoderUnavailableException)
        {
            prepared = FaqMatcher.Prepare(query, snapshot.Settings.Recall.SynonymWeight, service.SynonymsFor(bot.Id), null);
        }

        var match = FaqMatcher.Match(snapshot, prepared, MatchMode.HybridRerank);
        var questions = match.Candidates.Select(c => new ScoredItem(c.Entry, (float)c.Probability)).ToArray();
        var passages = snapshot.Passages;
        var answers = passages.Search(prepared.Terms, Math.Max(count * QaDepthFactor, snapshot.Settings.Recall.Candidates));
        var fused = RankFusion.Reciprocal([questions, answers], snapshot.Settings.Recall.RrfK, count: count);
        return [.. fused.Select(f => Passage(passages.Passages[f.Id], f.Score))];
    }

    private static RetrievedPassage Passage(KbPassage passage, float score) =>
        new(passage.SourceId, passage.Kind, passage.Title, passage.Text, Math.Round(score, 6));
}
