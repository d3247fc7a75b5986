using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Filters;
using ServiceBot.Abstractions.Turns;
using ServiceBot.ChatBot.Content;
using ServiceBot.ChatBot.Filters.Facts;

namespace ServiceBot.ChatBot.Filters.Entailment;

/// <summary>
/// The optional entailment check of generated replies: every sentence that states something is paired
/// with the reply's sources (the grounding passages, then what the customer said) and classified by the
/// NLI endpoint in one batched call. In <c>contradiction</c> mode a sentence the sources contradict is
/// unsupported; in <c>entailment</c> mode one they do not entail is. Unsupported sentences are removed
/// (up to the configured number, and never all of them), otherwise the reply is blocked and the safe
/// alternative is sent.
/// </summary>
/// <remarks>
/// <para>
/// Off without <c>ServiceBot:Nli:Endpoint</c> or with <c>chatbot.filters.entailment.enabled: false</c>; no
/// call is made then. Fails open: a timeout, an unreachable server, an error status or a malformed answer
/// lets the text pass unchanged, with the reason in the trace (<c>entailment-skipped</c>) and a warning in
/// the log; later checks of the same turn then skip without calling again. Only the caller's cancellation
/// propagates.
/// </para>
/// <para>
/// Predictions are kept on the turn by sentence, so the post-filter stage re-checking a streamed reply
/// (whose sentences were checked as they were released) makes no new call, and running the filter on its
/// own output passes. Sentences without a claim are not sent: questions, ones shorter than three words or
/// characters (greetings), citation markers and the sources list. Without grounding passages the check is
/// skipped (<c>no-sources</c>): a reply generated without context has nothing to be entailed by. Thread-safe.
/// </para>
/// </remarks>
internal sealed partial class EntailmentFilter(ChatBotContentCache contents, INliClient nli, ILogger<EntailmentFilter> logger) : IReplyFilter
{
    /// <summary>Sentences with fewer words (a CJK character counts as one) are not claims worth a call.</summary>
    private const int MinClaimUnits = 3;

    public string Name => "entailment";

    public ReplyFilterScope Scope => ReplyFilterScope.Generated;

    public async ValueTask<ReplyFilterResult> CheckAsync(TurnContext turn, Activity reply, string text, CancellationToken cancellationToken)
    {
        if (!nli.IsConfigured)
        {
            return ReplyFilterResult.Pass(text);
        }

        var content = contents.Get(turn.Bot);
        var settings = content.Settings.Filters.Entailment;
        if (!settings.Enabled)
        {
            return ReplyFilterResult.Pass(text);
        }

        var heading = content.Replies.Text(ChatBotReplies.SourcesHeading, turn.Locale);
        var bodyLength = BodyLength(text, heading);
        var sentences = SentenceSplitter.Split(text[..bodyLength]);
        var claims = new List<(int Index, string Hypothesis)>();
        for (var i = 0; i < sentences.Count; i++)
        {
            var hypothesis = FactPatterns.Citation().Replace(text.Substring(sentences[i].Start, sentences[i].Length), "").Trim();
            if (IsClaim(hypothesis))
            {
                claims.Add((i, hypothesis));
            }
        }

        if (claims.Count == 0)
        {
            return ReplyFilterResult.Pass(text);
        }

        var state = TurnState.For(turn, settings);
        if (state.Premise.Length == 0)
        {
            return Skip(turn, text, "no-sources");
        }

        if (state.Outage is not null)
        {
            return Skip(turn, text, state.Outage);
        }

        var missing = claims.Select(c => c.Hypothesis).Where(h => !state.Predictions.ContainsKey(h)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            try
            {
                var predictions = await nli.PredictAsync(missing.ConvertAll(h => new NliPair(state.Premise, h)), cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < missing.Count; i++)
                {
                    state.Predictions[missing[i]] = predictions[i];
                }
            }
            catch (NliUnavailableException e)
            {
                state.Outage = e.Reason;
                LogSkipped(logger, turn.Bot.Id, e.Reason, e.InnerException);
                return Skip(turn, text, e.Reason);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The check is optional: a fault of its own must not cost the customer the reply.
                state.Outage = "error: " + e.GetType().Name;
                LogSkipped(logger, turn.Bot.Id, state.Outage, e);
                return Skip(turn, text, state.Outage);
            }
        }

        var judgements = new List<EntailmentJudgement>(claims.Count);
        var unsupported = new HashSet<int>();
        var reasons = new List<string>();
        foreach (var (index, hypothesis) in claims)
        {
            var prediction = state.Predictions[hypothesis];
            var rejected = settings.IsEntailmentMode
                ? prediction.ScoreOf(NliPrediction.Entailment) < settings.Threshold
                : prediction.ScoreOf(NliPrediction.Contradiction) >= settings.Threshold;
            judgements.Add(new EntailmentJudgement(index, prediction.Label, Math.Round(prediction.Score, 4), rejected ? EntailmentJudgement.Unsupported : EntailmentJudgement.Supported));
            if (rejected)
            {
                unsupported.Add(index);
                reasons.Add(settings.IsEntailmentMode
                    ? string.Create(CultureInfo.InvariantCulture, $"not-entailed: sentence {index} (entailment {prediction.ScoreOf(NliPrediction.Entailment):0.00})")
                    : string.Create(CultureInfo.InvariantCulture, $"contradicted: sentence {index} (contradiction {prediction.ScoreOf(NliPrediction.Contradiction):0.00})"));
            }
        }

        Note(turn, judgements);
        if (unsupported.Count == 0)
        {
            return ReplyFilterResult.Pass(text);
        }

        // With every claim removed, what is left (a greeting, a question, the sources list) answers nothing.
        var reason = string.Join("; ", reasons);
        var (verdict, repaired, _) = SentenceRemoval.Apply(
            text, sentences, unsupported.Contains, settings.Blocks || unsupported.Count == claims.Count, settings.MaxRemovedSentences, heading);
        return SentenceRemoval.Result(verdict, text, repaired, reason);
    }

    /// <summary>Where the sources list the generator appends (heading, then <c>[n] title</c> lines) begins; the text's length when it has none.</summary>
    private static int BodyLength(string text, string? heading)
    {
        if (string.IsNullOrEmpty(heading))
        {
            return text.Length;
        }

        var at = text.LastIndexOf("\n" + heading, StringComparison.Ordinal);
        if (at < 0)
        {
            return text.Length;
        }

        var lines = text[(at + 1 + heading.Length)..].Split('\n');
        return lines.All(l => l.Trim().Length == 0 || FootnoteLine(l.Trim())) ? at : text.Length;

        static bool FootnoteLine(string line) => line.StartsWith('[') && FactPatterns.Citation().Match(line) is { Success: true, Index: 0 };
    }

    /// <summary>True when the sentence states something: not a question, and at least <see cref="MinClaimUnits"/> words or CJK characters.</summary>
    private static bool IsClaim(string sentence)
    {
        var end = sentence.AsSpan().TrimEnd(" \t\r\n\u3000\"'”’)）】」』]》");
        if (end.Length == 0 || end[^1] is '?' or '？')
        {
            return false;
        }

        var units = 0;
        var inWord = false;
        foreach (var c in sentence)
        {
            if (c is >= '\u3400' and <= '\u9fff')
            {
                units++;
                inWord = false;
            }
            else if (char.IsLetterOrDigit(c))
            {
                units += inWord ? 0 : 1;
                inWord = true;
            }
            else
            {
                inWord = false;
            }
        }

        return units >= MinClaimUnits;
    }

    private static ReplyFilterResult Skip(TurnContext turn, string text, string reason)
    {
        turn.Trace.Note("entailment-skipped", reason);
        return new ReplyFilterResult(ReplyVerdict.Pass, text, "entailment-skipped: " + reason);
    }

    /// <summary>Adds the judgements to the step's <c>entailment</c> note (a streamed reply is checked sentence by sentence).</summary>
    private static void Note(TurnContext turn, List<EntailmentJudgement> judgements)
    {
        var step = turn.Trace.Current;
        if (step?.Notes?.GetValueOrDefault("entailment") is List<EntailmentJudgement> earlier)
        {
            earlier.AddRange(judgements);
            return;
        }

        turn.Trace.Note("entailment", judgements);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Entailment check skipped for a reply of bot '{BotId}': {Reason}. The reply passes unchecked.")]
    private static partial void LogSkipped(ILogger logger, string botId, string reason, Exception? exception);

    /// <summary>The turn's premise, predictions by hypothesis and endpoint outage; built once per grounding context and settings.</summary>
    private sealed class TurnState
    {
        private TurnState(GroundingContext? grounding, EntailmentSettings settings, string premise)
        {
            Grounding = grounding;
            Settings = settings;
            Premise = premise;
        }

        public GroundingContext? Grounding { get; }

        public EntailmentSettings Settings { get; }

        /// <summary>The sources as one text, at most <see cref="EntailmentSettings.MaxPremiseChars"/>; empty without grounding passages.</summary>
        public string Premise { get; }

        public Dictionary<string, NliPrediction> Predictions { get; } = new(StringComparer.Ordinal);

        /// <summary>Why the endpoint failed earlier in this turn; later checks skip without calling.</summary>
        public string? Outage { get; set; }

        public static TurnState For(TurnContext turn, EntailmentSettings settings)
        {
            var grounding = turn.Features.Get<GroundingContext>();
            var state = turn.Features.Get<TurnState>();
            if (state is not null && ReferenceEquals(state.Grounding, grounding) && ReferenceEquals(state.Settings, settings))
            {
                return state;
            }

            state = new TurnState(grounding, settings, BuildPremise(turn, grounding, settings.MaxPremiseChars));
            turn.Features.Set(state);
            return state;
        }

        /// <summary>The passages (best first), then the customer's messages, cut at the last sentence end that fits.</summary>
        private static string BuildPremise(TurnContext turn, GroundingContext? grounding, int maxChars)
        {
            if (grounding is null || grounding.Passages.Count == 0)
            {
                return "";
            }

            var sources = new StringBuilder();
            foreach (var passage in grounding.Passages)
            {
                sources.Append(passage.Title.Trim()).Append('\n').Append(passage.Text.Trim()).Append('\n');
            }

            foreach (var said in turn.State.RecentTurns.Select(t => t.UserText).Append(turn.Text))
            {
                if (!string.IsNullOrWhiteSpace(said))
                {
                    sources.Append(said.Trim()).Append('\n');
                }
            }

            var premise = sources.ToString().Trim();
            if (premise.Length <= maxChars)
            {
                return premise;
            }

            var cut = 0;
            foreach (var (start, length) in SentenceSplitter.Split(premise))
            {
                if (start + length > maxChars)
                {
                    break;
                }

                cut = start + length;
            }

            if (cut == 0)
            {
                // The first sentence alone is too long: cut it, never inside a surrogate pair.
                cut = char.IsHighSurrogate(premise[maxChars - 1]) ? maxChars - 1 : maxChars;
            }

            return premise[..cut].Trim();
        }
    }
}
