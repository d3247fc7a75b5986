using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.Retrieval;
using ServiceBot.Abstractions.Text;
using ServiceBot.KbBot.Index;
using ServiceBot.KbBot.Matching;

namespace ServiceBot.KbBot.Responding;

/// <summary>Recalls FAQ answers (and document chunks) for grounding generated replies, over the live KB snapshot.</summary>
internal sealed class KbKnowledgeRetriever(KbRegistry registry, KbService service) : IKnowledgeRetriever
{
    public async ValueTask<IReadOnlyList<RetrievedPassage>> RetrieveAsync(BotDefinition bot, AnalyzedUtterance query, int count, CancellationToken cancellationToken)
    {
        var snapshot = registry.Get(bot.Id);
        if (snapshot is null || snapshot.Entries.Count == 0 || query.IsEmpty || count <= 0)
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
        return [.. match.Candidates.Take(count).Select(c => new RetrievedPassage(c.Faq.Id, "faq", c.Faq.StandardQuestion, c.Faq.Answer.Text, Math.Round(c.Probability, 4)))];
    }
}
