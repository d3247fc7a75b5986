using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.Retrieval;
using ServiceBot.Abstractions.Text;
using ServiceBot.ChatBot.Content;

namespace ServiceBot.ChatBot.ChitChat;

/// <summary>
/// The ChatBot's chit-chat decision, shared by the responder and the chit-chat evaluation so that
/// both decide alike: templates first (coverage gate), then the corpus question most similar to the
/// message, which answers only at or above <c>chatbot.retrieval.threshold</c> and only when it beats
/// the closest knowledge title by <c>business-margin</c>.
/// </summary>
/// <remarks>
/// Without a knowledge retriever the business comparison sees no passages (similarity 0). Stateless
/// and thread-safe; never calls a model.
/// </remarks>
internal sealed class ChitChatMatcher(ChatBotContentCache contents, IKnowledgeRetriever? retriever = null)
{
    public async ValueTask<ChitChatMatch> MatchAsync(BotDefinition bot, ChatBotContent content, AnalyzedUtterance utterance, string locale, CancellationToken cancellationToken)
    {
        var template = content.Templates.Match(utterance.Normalized, locale, content.Settings.TemplateCoverage);
        if (template is not null)
        {
            return new ChitChatMatch(ChitChatLayer.Template) { Template = template };
        }

        var retrieval = content.Settings.Retrieval;
        var hits = content.Corpus.Search(utterance, locale, retrieval.Candidates);
        var hit = hits.Count > 0 ? hits[0] : null;
        if (hit is null || hit.Similarity < retrieval.Threshold)
        {
            return new ChitChatMatch(ChitChatLayer.None);
        }

        var passages = retriever is null
            ? []
            : await retriever.RetrieveAsync(bot, utterance, content.Settings.Generation.Passages, cancellationToken).ConfigureAwait(false);
        var analyzer = contents.Analyzer;
        var business = passages.Count == 0 ? 0 : passages.Max(p => content.Corpus.Similarity(utterance, analyzer.Analyze(p.Title)));
        var layer = hit.Similarity >= business + retrieval.BusinessMargin ? ChitChatLayer.Retrieval : ChitChatLayer.None;
        return new ChitChatMatch(layer) { Hit = hit, BusinessSimilarity = business, Passages = passages };
    }
}
