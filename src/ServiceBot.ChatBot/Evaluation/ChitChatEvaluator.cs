using ServiceBot.Abstractions.Bots;
using ServiceBot.ChatBot.ChitChat;
using ServiceBot.ChatBot.Content;
using ServiceBot.ChatBot.Templates;

namespace ServiceBot.ChatBot.Evaluation;

/// <summary>
/// Hit rate of a bot's chit-chat on held-out small talk: each utterance runs through the same
/// <see cref="ChitChatMatcher"/> the <c>chatbot</c> responder uses (templates, then retrieval chit-chat
/// with its threshold and business margin against the live knowledge base), never a model.
/// </summary>
/// <remarks>
/// Utterances whose match key equals a corpus question or an exact template pattern of the bot are
/// not held out and are dropped (counted in <see cref="ChitChatEvaluationReport.InBotContent"/>), as
/// are repeats within the data. The bot's knowledge base must be loaded (its initializers run) for the
/// business comparison to see it. Thread-safe.
/// </remarks>
public sealed class ChitChatEvaluator
{
    private readonly ChatBotContentCache _contents;
    private readonly ChitChatMatcher _matcher;

    internal ChitChatEvaluator(ChatBotContentCache contents, ChitChatMatcher matcher)
    {
        _contents = contents;
        _matcher = matcher;
    }

    /// <summary>Runs <paramref name="samples"/> through the chit-chat layers of <paramref name="bot"/>.</summary>
    /// <param name="bot">The bot whose <c>chatbot</c> content and knowledge base are used.</param>
    /// <param name="samples">The utterances, each with its locale and optional label.</param>
    /// <param name="labels">Data-set label → template/corpus ids that answer it rightly (an empty list: no counterpart); null to judge nothing.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <exception cref="BotDefinitionException">The bot's chatbot content does not load.</exception>
    public async Task<ChitChatEvaluationReport> EvaluateAsync(
        BotDefinition bot,
        IReadOnlyList<ChitChatSample> samples,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? labels,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bot);
        ArgumentNullException.ThrowIfNull(samples);
        var content = _contents.Get(bot);
        var analyzer = _contents.Analyzer;
        var own = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in content.Corpus.Questions.Concat(content.Templates.ExactPatterns))
        {
            own.Add(MatchKey.Of(analyzer.Analyze(text).Normalized));
        }

        var seen = new HashSet<(string Locale, string Key)>();
        int duplicates = 0, inBot = 0;
        var outcomes = new List<ChitChatOutcome>();
        foreach (var sample in samples)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var utterance = analyzer.Analyze(sample.Text);
            var key = MatchKey.Of(utterance.Normalized);
            if (key.Length == 0 || !seen.Add((sample.Locale, key)))
            {
                duplicates++;
                continue;
            }

            if (own.Contains(key))
            {
                inBot++;
                continue;
            }

            var match = await _matcher.MatchAsync(bot, content, utterance, sample.Locale, cancellationToken).ConfigureAwait(false);
            var layer = match.Layer switch
            {
                ChitChatLayer.Template => "template",
                ChitChatLayer.Retrieval => "retrieval",
                _ => "miss",
            };
            bool? right = null;
            if (labels is not null && sample.Label is not null && labels.TryGetValue(sample.Label, out var ids))
            {
                right = match.Id is null ? ids.Count == 0 : ids.Contains(match.Id, StringComparer.Ordinal);
            }

            outcomes.Add(new ChitChatOutcome(sample, layer, match.Id, Math.Round(match.Score, 4), right));
        }

        return new ChitChatEvaluationReport
        {
            Bot = bot.Id,
            Samples = samples.Count,
            Duplicates = duplicates,
            InBotContent = inBot,
            Overall = Count(outcomes),
            ByLocale = outcomes.GroupBy(o => o.Sample.Locale, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => Count([.. g]), StringComparer.Ordinal),
            BySource = outcomes.GroupBy(o => o.Sample.Source, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => Count([.. g]), StringComparer.Ordinal),
            Labels = labels is null ? null : Judge(outcomes, labels),
            HitsById = outcomes.Where(o => o.Id is not null)
                .GroupBy(o => o.Id!, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            Outcomes = outcomes,
        };
    }

    private static ChitChatLayerCounts Count(List<ChitChatOutcome> outcomes) => new(
        outcomes.Count,
        outcomes.Count(o => o.Layer == "template"),
        outcomes.Count(o => o.Layer == "retrieval"),
        outcomes.Count(o => o.Layer == "miss"));

    private static ChitChatLabelResult Judge(List<ChitChatOutcome> outcomes, IReadOnlyDictionary<string, IReadOnlyList<string>> labels)
    {
        var judged = outcomes.Where(o => o.Right is not null).ToList();
        return new ChitChatLabelResult(
            judged.Count,
            judged.Count(o => labels[o.Sample.Label!].Count > 0),
            judged.Count(o => o.Id is not null),
            judged.Count(o => o.Id is not null && o.Right == true),
            outcomes.Count - judged.Count);
    }
}
