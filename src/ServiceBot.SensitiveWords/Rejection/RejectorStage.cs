using ServiceBot.Abstractions.Activities;
using ServiceBot.Abstractions.Filters;
using ServiceBot.Abstractions.State;
using ServiceBot.Abstractions.Text;
using ServiceBot.Abstractions.Turns;
using ServiceBot.SensitiveWords.Injection;
using ServiceBot.SensitiveWords.Pii;
using ServiceBot.SensitiveWords.WordLists;

namespace ServiceBot.SensitiveWords.Rejection;

/// <summary>
/// The <c>rejector</c> stage. Screens the message for prompt injection and always sets a
/// <see cref="PromptInjectionVerdict"/> feature for the responders; finds sensitive words (with
/// variant folding and the allow-list) and PII, and applies the strongest action among them:
/// block (refusal reply), handoff (human operator requested), mask (matched characters become '*'
/// in the message the responders see) or log (trace only). The trace carries categories, PII
/// kinds and positions, never the matched text.
/// </summary>
internal sealed class RejectorStage(RejectorRegistry registry, ITextAnalyzer? analyzer = null) : ITurnStage
{
    public string Name => "rejector";

    public async ValueTask InvokeAsync(TurnContext turn, TurnDelegate next, CancellationToken cancellationToken)
    {
        if (turn.Activity.Type != ActivityTypes.Message || turn.Text.Length == 0)
        {
            await next(turn, cancellationToken).ConfigureAwait(false);
            return;
        }

        var rejector = registry.Get(turn.Bot);
        var settings = rejector.Settings;
        var text = turn.Text;

        var action = RejectAction.Log;
        var reason = "";
        if (settings.Injection.Enabled)
        {
            var assessment = PromptInjectionScreen.Assess(text, rejector.Injection, settings.Injection.MaxModelChars);
            var verdict = new PromptInjectionVerdict(assessment.Score >= settings.Injection.Threshold, assessment.Score, assessment.TopRule);
            turn.Features.Set(verdict);
            if (assessment.Score > 0 || assessment.OverLength)
            {
                turn.Trace.Note("injection-score", assessment.Score);
                turn.Trace.Note("injection-rules", assessment.Fired);
            }

            if (verdict.IsInjection && settings.Injection.Action == RejectAction.Block)
            {
                action = RejectAction.Block;
                reason = DefaultRejectorReplies.Injection;
            }
        }

        var words = rejector.Matcher.Find(text);
        var masked = new List<SensitiveWordMatch>();
        if (words.Count > 0)
        {
            var categories = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var match in words)
            {
                categories.Add(match.Category);
                var wordAction = rejector.ActionOf(match);
                if (wordAction == RejectAction.Mask)
                {
                    masked.Add(match);
                }

                if (wordAction > action)
                {
                    action = wordAction;
                    reason = wordAction == RejectAction.Handoff ? DefaultRejectorReplies.Handoff : DefaultRejectorReplies.Blocked;
                }
            }

            turn.Trace.Note("categories", categories.ToArray());
            turn.Trace.Note("positions", words.Select(m => new[] { m.Start, m.Length }).ToArray());
        }

        var pii = PiiDetector.Find(text);
        if (pii.Count > 0)
        {
            turn.Trace.Note("pii", pii.Select(p => p.Kind.ToString()).Distinct(StringComparer.Ordinal).ToArray());
            if (settings.Pii.Action > action)
            {
                action = settings.Pii.Action;
                reason = action == RejectAction.Handoff ? DefaultRejectorReplies.Handoff : DefaultRejectorReplies.Blocked;
            }
        }

        if (words.Count > 0 || pii.Count > 0 || action > RejectAction.Log)
        {
            turn.Trace.Note("action", action.ToString().ToLowerInvariant());
        }
        switch (action)
        {
            case RejectAction.Block:
                turn.Respond(Name, TurnOutcome.Blocked, turn.CreateReply(DefaultRejectorReplies.Get(settings, reason).Pick(turn.Locale)));
                return;
            case RejectAction.Handoff:
                if (turn.State.Handoff.Status == HandoffStatus.None)
                {
                    turn.State.Handoff.Status = HandoffStatus.Requested;
                    turn.State.Handoff.RequestedAt = turn.Now;
                    turn.State.Handoff.Reason = "rejector";
                    turn.MarkSideEffect();
                }

                turn.Respond(Name, TurnOutcome.HandedOff, turn.CreateReply(DefaultRejectorReplies.Get(settings, reason).Pick(turn.Locale)));
                return;
            case RejectAction.Mask:
                Mask(turn, masked, settings.Pii.Action == RejectAction.Mask ? pii : []);
                break;
        }

        await next(turn, cancellationToken).ConfigureAwait(false);
    }

    private void Mask(TurnContext turn, List<SensitiveWordMatch> words, IReadOnlyList<PiiMatch> pii)
    {
        var text = SensitiveWordMatcher.Mask(turn.Text, words);
        text = PiiDetector.Mask(text, pii);
        if (string.Equals(text, turn.Text, StringComparison.Ordinal))
        {
            return;
        }

        turn.Activity.Text = text;
        if (analyzer is not null && turn.IsAnalyzed)
        {
            // The responders read the analyzed utterance; it must not keep what was masked.
            turn.Utterance = analyzer.Analyze(text);
        }

        turn.Trace.Note("masked", true);
    }
}
