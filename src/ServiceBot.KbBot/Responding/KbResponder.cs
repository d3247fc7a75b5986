using System.Text.Json;
using Microsoft.Extensions.Logging;
using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Cache;
using ServiceBot.Abstractions.Knowledge;
using ServiceBot.Abstractions.Logging;
using ServiceBot.Abstractions.Responders;
using ServiceBot.Abstractions.Text;
using ServiceBot.Abstractions.Tracing;
using ServiceBot.Abstractions.Turns;
using ServiceBot.KbBot.Index;
using ServiceBot.KbBot.Matching;
using ServiceBot.KbBot.Reranking;
using ServiceBot.Retrieval.Lexical;

namespace ServiceBot.KbBot.Responding;

/// <summary>
/// The <c>kbbot</c> responder: matches the customer's question against the bot's FAQ and proposes
/// the answer (probability ≥ answer threshold), 2–4 "did you mean" questions (≥ suggest threshold),
/// or declines so ChatBot or the out-of-domain reply takes over.
/// </summary>
/// <remarks>
/// Thread-safe singleton; per-conversation memory (last suggestions, last FAQ) is the state section
/// <c>kbbot</c>. Raw customer text is never logged above Debug.
/// </remarks>
internal sealed partial class KbResponder : IResponder
{
    private readonly KbRegistry _registry;
    private readonly KbService _service;
    private readonly ITextAnalyzer _analyzer;
    private readonly IConversationLog? _log;
    private readonly ILogger<KbResponder> _logger;
    private readonly IKbCrossEncoder? _crossEncoder;

    public KbResponder(KbRegistry registry, KbService service, ITextAnalyzer analyzer, IEnumerable<IConversationLog> logs, ILogger<KbResponder> logger, IEnumerable<IKbCrossEncoder>? crossEncoders = null)
    {
        _registry = registry;
        _service = service;
        _analyzer = analyzer;
        _log = logs.LastOrDefault();
        _logger = logger;
        _crossEncoder = crossEncoders?.LastOrDefault();
    }

    public string Name => "kbbot";

    public async ValueTask<ResponderResult> RespondAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var snapshot = _registry.Get(turn.Bot.Id);
        if (snapshot is null || snapshot.Entries.Count == 0)
        {
            return ResponderResult.Declined("no-knowledge");
        }

        var utterance = turn.IsAnalyzed ? turn.Utterance : _analyzer.Analyze(turn.Text);
        if (utterance.IsEmpty)
        {
            return ResponderResult.Declined("empty");
        }

        var memory = turn.State.GetSection<KbConversationState>(KbConversationState.Section);
        if (await TakeSuggestionAsync(turn, snapshot, utterance, memory, cancellationToken).ConfigureAwait(false) is { } taken)
        {
            return taken;
        }

        var synonyms = _service.SynonymsFor(turn.Bot.Id);
        var query = await PrepareAsync(turn, snapshot, utterance, synonyms, cancellationToken).ConfigureAwait(false);
        var match = await CrossEncodeAsync(turn, snapshot, Usable(FaqMatcher.Match(snapshot, query, MatchMode.HybridRerank), turn), cancellationToken).ConfigureAwait(false);
        var decision = TierDecider.Decide(match.Candidates, snapshot.Settings);
        var followUp = false;

        if (decision.Tier != KbTier.Answer && FollowUpTopic(turn, snapshot, utterance, memory) is { } topic)
        {
            var combined = _analyzer.Analyze(RewriteFollowUp(snapshot, topic, utterance, Language(turn.Locale)));
            var followQuery = await PrepareAsync(turn, snapshot, combined, synonyms, cancellationToken).ConfigureAwait(false);
            // A follow-up asks about another aspect than the topic itself, so the topic's own questions take no part.
            var topicEntry = snapshot.EntryById[topic.Id];
            var followMatch = await CrossEncodeAsync(turn, snapshot, Usable(FaqMatcher.Match(snapshot, followQuery, MatchMode.HybridRerank, row => snapshot.Rows[row].Entry == topicEntry), turn), cancellationToken).ConfigureAwait(false);
            var followDecision = TierDecider.Decide(followMatch.Candidates, snapshot.Settings);
            if (followDecision.Probability > decision.Probability)
            {
                turn.Trace.Note("follow-up", topic.Id);
                (match, decision) = (followMatch, followDecision);
                followUp = true;
            }
        }

        Trace(turn, snapshot, match, decision);
        switch (decision.Tier)
        {
            case KbTier.Answer:
                var chosen = decision.Chosen[0];
                memory.Suggestions.Clear();
                memory.SuggestedTurnId = null;
                memory.LastFaqId = chosen.Faq.Id;
                memory.LastAnsweredAt = turn.Now;
                turn.Topic = chosen.Faq.Id;
                if (!followUp && chosen.Faq.ChannelAnswers.Count == 0)
                {
                    // The answer follows from the message alone, so the funnel may promote it when it is hot.
                    turn.Features.Set(new CacheableAnswer(chosen.Faq.Id, chosen.Faq.Version, chosen.Faq.StandardQuestion, chosen.Faq.Answer, turn.Locale));
                }

                return ResponderResult.Answered(decision.Probability, AnswerReplies(turn, snapshot, chosen.Faq, match.Candidates));
            case KbTier.Suggest:
                memory.Suggestions = [.. decision.Chosen.Select(c => new OfferedSuggestion { FaqId = c.Faq.Id, Question = c.Faq.StandardQuestion, Probability = Math.Round(c.Probability, 4) })];
                memory.SuggestedTurnId = turn.TurnId;
                return ResponderResult.Suggested(decision.Probability, SuggestReply(turn, snapshot, decision.Chosen));
            default:
                return ResponderResult.Declined(decision.Reason);
        }
    }

    private static KbMatch Usable(KbMatch match, TurnContext turn)
    {
        var language = Language(turn.Locale);
        var usable = match.Candidates.Where(c => c.Faq.IsLive(turn.Now) && (c.Faq.Locale is null || Language(c.Faq.Locale) == language)).ToList();
        return usable.Count == match.Candidates.Count ? match : match with { Candidates = usable };
    }

    private static string Language(string locale)
    {
        var dash = locale.IndexOf('-', StringComparison.Ordinal);
        return (dash > 0 ? locale[..dash] : locale).ToLowerInvariant();
    }

    private async ValueTask<KbQuery> PrepareAsync(TurnContext turn, KbSnapshot snapshot, AnalyzedUtterance utterance, Func<string, IReadOnlyList<string>>? synonyms, CancellationToken cancellationToken)
    {
        try
        {
            return await FaqMatcher.PrepareAsync(snapshot, utterance, synonyms, cancellationToken).ConfigureAwait(false);
        }
        catch (KbEncoderUnavailableException e)
        {
            // Degraded mode: the embedder failed for this query; BM25 and the lexical reranker still answer.
            turn.Trace.Note("degraded", "bm25-only: " + e.Message);
            LogDegraded(_logger, turn.Bot.Id, e.Message);
            return FaqMatcher.Prepare(utterance, snapshot.Settings.Recall.SynonymWeight, synonyms, null);
        }
    }

    /// <summary>
    /// The remote cross-encoder's pass over the local reranker's best candidates: its scores set their order,
    /// and each one's probability becomes the geometric mean of the local calibrated probability and the
    /// cross-encoder's (see docs/kb-bot.md, "Remote embedder and cross-encoder"). On any failure the local
    /// order and probabilities stand and the trace says why.
    /// </summary>
    private async ValueTask<KbMatch> CrossEncodeAsync(TurnContext turn, KbSnapshot snapshot, KbMatch match, CancellationToken cancellationToken)
    {
        // A question the KB holds verbatim is answered whatever the order, so it is not worth a call.
        if (_crossEncoder is null || match.Candidates.Count < 2 || TierDecider.ExactQuestion(match.Candidates) is not null)
        {
            return match;
        }

        var top = match.Candidates.Take(_crossEncoder.TopN).ToList();
        double[] scores;
        try
        {
            scores = await _crossEncoder.ScoreAsync(match.Query.Text, [.. top.Select(c => snapshot.Rows[c.BestRow].Text)], cancellationToken).ConfigureAwait(false);
        }
        catch (KbCrossEncoderUnavailableException e)
        {
            turn.Trace.Note("rerank", $"local ({e.Message})");
            LogCrossEncoderFailed(_logger, turn.Bot.Id, e.Message);
            return match;
        }

        var reordered = top
            .Select((c, i) => (Candidate: c, Score: scores[i], Local: i))
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Local)
            .ToList();
        var notes = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (candidate, score, _) in reordered)
        {
            candidate.Probability = Math.Sqrt(candidate.Probability * score);
            notes[candidate.Faq.Id] = Math.Round(score, 4);
        }

        turn.Trace.Note("rerank", "cross-encoder");
        turn.Trace.Note("cross-encoder", notes);
        return match with { Candidates = [.. reordered.Select(x => x.Candidate), .. match.Candidates.Skip(top.Count)] };
    }

    /// <summary>A click on a "did you mean" question answers that FAQ directly and is logged as a positive annotation.</summary>
    private async ValueTask<ResponderResult?> TakeSuggestionAsync(TurnContext turn, KbSnapshot snapshot, AnalyzedUtterance utterance, KbConversationState memory, CancellationToken cancellationToken)
    {
        if (memory.Suggestions.Count == 0)
        {
            return null;
        }

        var said = TextSimilarity.Compact(utterance.Normalized);
        var offered = memory.Suggestions.FirstOrDefault(s => TextSimilarity.Compact(_analyzer.Analyze(s.Question).Normalized) == said);
        var suggestingTurn = memory.SuggestedTurnId;
        memory.Suggestions.Clear();
        memory.SuggestedTurnId = null;
        if (offered is null || !snapshot.EntryById.TryGetValue(offered.FaqId, out var index) || !snapshot.Entries[index].IsLive(turn.Now))
        {
            return null;
        }

        var faq = snapshot.Entries[index];
        turn.Trace.Note("tier", "answer");
        turn.Trace.Note("reason", "suggestion-taken");
        turn.Trace.AddCandidates([new TraceCandidate("kbbot/suggestion", faq.Id, faq.StandardQuestion, 1, 1)]);
        memory.LastFaqId = faq.Id;
        memory.LastAnsweredAt = turn.Now;
        turn.Topic = faq.Id;
        if (_log is not null && suggestingTurn is not null)
        {
            try
            {
                await _log.AddFeedbackAsync(turn.Bot.Id, new TurnFeedback(suggestingTurn, FeedbackKind.SuggestionTaken, faq.Id, turn.Now), cancellationToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The annotation is a by-product; a failing log must not cost the customer the answer.
            catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
            {
                LogFeedbackFailed(_logger, e, turn.Bot.Id);
            }
        }

        return ResponderResult.Answered(1, AnswerReplies(turn, snapshot, faq, []));
    }

    private static FaqEntry? FollowUpTopic(TurnContext turn, KbSnapshot snapshot, AnalyzedUtterance utterance, KbConversationState memory)
    {
        var settings = snapshot.Settings.FollowUp;
        if (!settings.Enabled || utterance.Terms.Count > settings.MaxTerms || !HasMarker(settings.Markers, Language(turn.Locale), utterance.Normalized))
        {
            return null;
        }

        string? topic = null;
        for (var i = turn.State.RecentTurns.Count - 1; i >= 0 && topic is null; i--)
        {
            var past = turn.State.RecentTurns[i];
            if (turn.Now - past.At > settings.MaxAge)
            {
                break;
            }

            if (past.Topic is not null && snapshot.EntryById.ContainsKey(past.Topic))
            {
                topic = past.Topic;
            }
        }

        if (topic is null && memory.LastFaqId is not null && memory.LastAnsweredAt is { } at && turn.Now - at <= settings.MaxAge)
        {
            topic = memory.LastFaqId;
        }

        return topic is not null && snapshot.EntryById.TryGetValue(topic, out var index) ? snapshot.Entries[index] : null;
    }

    /// <summary>
    /// Rewrites "那运费呢？" after "怎么退货？" into "退货 运费": the topic's most specific words that also
    /// occur outside the topic (so they can pick among the other entries) plus the follow-up without its markers.
    /// </summary>
    private string RewriteFollowUp(KbSnapshot snapshot, FaqEntry topic, AnalyzedUtterance utterance, string language)
    {
        var topicRows = snapshot.RowsByEntry[snapshot.EntryById[topic.Id]];
        // Salience = how many of the topic's own questions use the word × how rare it is overall: "退货" runs
        // through all the ways of asking about returns, "怎么" is rare in none of them.
        var salient = _analyzer.Analyze(topic.StandardQuestion).Terms
            .Distinct(StringComparer.Ordinal)
            .Select(t => (Term: t, InTopic: topicRows.Count(r => Array.IndexOf(snapshot.Rows[r].Terms, t) >= 0)))
            .Where(t => snapshot.Bm25.DocumentFrequency(t.Term) > t.InTopic)
            .Select(t => (t.Term, Salience: snapshot.Bm25.Idf(t.Term) * t.InTopic / (float)topicRows.Length))
            .OrderByDescending(t => t.Salience)
            .ToList();
        var keyTerms = salient.Count == 0 ? [] : salient.TakeWhile(t => t.Salience >= 0.8f * salient[0].Salience).Take(2).Select(t => t.Term);
        var rest = " " + utterance.Normalized + " ";
        if (snapshot.Settings.FollowUp.Markers.TryGetValue(language, out var markers))
        {
            foreach (var marker in markers)
            {
                rest = rest.Replace(marker, " ", StringComparison.OrdinalIgnoreCase);
            }
        }

        return string.Join(' ', keyTerms) + " " + rest.Trim();
    }

    private static bool HasMarker(Dictionary<string, List<string>> markers, string language, string text)
    {
        if (!markers.TryGetValue(language, out var list))
        {
            return false;
        }

        var padded = " " + text.ToLowerInvariant() + " ";
        return list.Exists(m => padded.Contains(m, StringComparison.OrdinalIgnoreCase));
    }

    private static void Trace(TurnContext turn, KbSnapshot snapshot, KbMatch match, TierDecision decision)
    {
        var source = "kbbot/" + (match.Mode == MatchMode.HybridRerank ? (match.VectorsUsed ? "hybrid+rerank" : "bm25+rerank") : match.Mode.ToString().ToLowerInvariant());
        turn.Trace.AddCandidates(match.Candidates.Take(10).Select(c => new TraceCandidate(source, c.Faq.Id, snapshot.Rows[c.BestRow].Text, Math.Round(c.Score, 4), Math.Round(c.Probability, 4))));
        turn.Trace.Note("tier", decision.Tier.ToString().ToLowerInvariant());
        turn.Trace.Note("reason", decision.Reason);
        turn.Trace.Note("probability", Math.Round(decision.Probability, 4));
        turn.Trace.Note("thresholds", new Dictionary<string, double>(StringComparer.Ordinal) { ["answer"] = decision.AnswerThreshold, ["suggest"] = decision.SuggestThreshold });
        turn.Trace.Note("kb-revision", snapshot.Revision);
        if (!match.VectorsUsed && snapshot.DegradedReason is not null)
        {
            turn.Trace.Note("vectors", "off: " + snapshot.DegradedReason);
        }
        else if (!match.VectorsUsed && snapshot.Vectors is not null)
        {
            turn.Trace.Note("vectors", "off: the embedder gave no vector for this question");
        }
        else if (match.VectorsUsed && snapshot.Vectors is { } vectors)
        {
            turn.Trace.Note("vectors", vectors.Encoder.Model);
        }
    }

    private static Activity[] AnswerReplies(TurnContext turn, KbSnapshot snapshot, FaqEntry faq, IReadOnlyList<KbCandidate> candidates)
    {
        var answer = faq.AnswerFor(turn.Activity.ChannelId);
        var reply = turn.CreateReply(answer.Text, string.Equals(answer.Format, "markdown", StringComparison.OrdinalIgnoreCase) ? TextFormats.Markdown : TextFormats.Plain);
        var actions = answer.Buttons.Select(b => new CardAction
        {
            Type = string.Equals(b.Type, "openUrl", StringComparison.OrdinalIgnoreCase) ? CardActionTypes.OpenUrl : CardActionTypes.ImBack,
            Title = b.Title,
            Value = JsonSerializer.SerializeToElement(b.Value ?? b.Title),
        }).ToList();

        var related = snapshot.Settings.Related;
        var relatedQuestions = related.Count <= 0 ? [] : candidates
            .Where(c => c.Faq.Id != faq.Id && c.Probability >= related.MinProbability)
            .OrderByDescending(c => c.Faq.Category is not null && c.Faq.Category == faq.Category)
            .Take(related.Count)
            .Select(c => c.Faq.StandardQuestion)
            .ToList();
        if (relatedQuestions.Count == 0 || related.LeadIn is null)
        {
            actions.AddRange(relatedQuestions.Select(Question));
            if (actions.Count > 0)
            {
                reply.SuggestedActions = new SuggestedActions { Actions = actions };
            }

            return [reply];
        }

        if (actions.Count > 0)
        {
            reply.SuggestedActions = new SuggestedActions { Actions = actions };
        }

        var more = turn.CreateReply(related.LeadIn.Pick(turn.Locale));
        more.SuggestedActions = new SuggestedActions { Actions = [.. relatedQuestions.Select(Question)] };
        return [reply, more];
    }

    private static Activity SuggestReply(TurnContext turn, KbSnapshot snapshot, IReadOnlyList<KbCandidate> chosen)
    {
        var reply = turn.CreateReply(snapshot.Settings.Replies.SuggestLeadIn?.Pick(turn.Locale) ?? "");
        reply.SuggestedActions = new SuggestedActions { Actions = [.. chosen.Select(c => Question(c.Faq.StandardQuestion))] };
        return reply;
    }

    private static CardAction Question(string question) => new()
    {
        Type = CardActionTypes.ImBack,
        Title = question,
        Value = JsonSerializer.SerializeToElement(question),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bot '{BotId}': embedder unavailable for a query, answered with BM25 only: {Reason}")]
    private static partial void LogDegraded(ILogger logger, string botId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bot '{BotId}': the cross-encoder gave no scores, the local order stands: {Reason}")]
    private static partial void LogCrossEncoderFailed(ILogger logger, string botId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bot '{BotId}': could not record a taken suggestion as feedback.")]
    private static partial void LogFeedbackFailed(ILogger logger, Exception exception, string botId);
}
