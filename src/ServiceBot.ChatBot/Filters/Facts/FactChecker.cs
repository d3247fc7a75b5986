using System.Text.RegularExpressions;
using ServiceBot.Abstractions.Filters;
using ServiceBot.ChatBot.Content;

namespace ServiceBot.ChatBot.Filters.Facts;

/// <summary>
/// Checks every fact of a reply against an index of its sources and applies the bot's policy:
/// remove the sentences that state something unsupported, or block the reply.
/// </summary>
/// <remarks>Pure and thread-safe; running it on its own output passes.</remarks>
internal static partial class FactChecker
{
    public static FactCheck Check(string reply, FactIndex sources, FactExtractor extractor, FactFilterSettings settings, string? sourcesHeading = null)
    {
        var unsupported = new List<(Fact, string)>();
        var facts = extractor.Extract(reply);
        List<(int Start, int Length)>? sentences = null;
        foreach (var fact in facts)
        {
            if (sources.Supports(fact))
            {
                if (sources.Misattributed(fact, reply, facts) is { } item)
                {
                    unsupported.Add((fact, fact.TextIn(reply) + " for " + item));
                    sentences ??= SentenceSplitter.Split(reply);
                }

                continue;
            }

            sentences ??= SentenceSplitter.Split(reply);
            var (start, length) = sentences.Find(s => fact.Start >= s.Start && fact.Start < s.Start + s.Length);
            if (!sources.SupportsByProportion(fact, facts.Where(f => f.Start >= start && f.Start < start + length)) && !sources.SupportsByArithmetic(fact))
            {
                unsupported.Add((fact, fact.TextIn(reply)));
            }
        }

        if (unsupported.Count > 0)
        {
            AcceptShownWork(facts, unsupported, sentences!);
        }

        if (unsupported.Count == 0)
        {
            return new FactCheck(ReplyVerdict.Pass, reply, [], 0);
        }

        var split = sentences ?? SentenceSplitter.Split(reply);
        var (verdict, text, removed) = SentenceRemoval.Apply(
            reply,
            split,
            i => unsupported.Exists(u => u.Item1.Start < split[i].Start + split[i].Length && u.Item1.Start + u.Item1.Length > split[i].Start),
            string.Equals(settings.Policy, "block", StringComparison.OrdinalIgnoreCase),
            settings.MaxRemovedSentences,
            sourcesHeading);
        return new FactCheck(verdict, text, unsupported, removed);
    }

    /// <summary>
    /// Accepts the amounts a reply works out in front of the customer from amounts it states and the
    /// sources support: a sum or difference ("¥150 + ¥80, so ¥230 in total"; "年卡¥148，省了¥32" after
    /// "12个月是¥180") with at least one operand in the amount's own sentence, or a product of an amount
    /// of that sentence and a count, duration or number of it ("超出的2米按每米¥80收费，另付¥160").
    /// Accepted amounts are operands for the later ones, in reply order; a count, duration or number
    /// that multiplies one amount of its sentence into another is accepted as the multiplier it is.
    /// Sums of the sources' figures the reply does not state stay unsupported: that "¥10" is ¥18 − ¥8
    /// supports nothing unless the reply says ¥18 and ¥8.
    /// </summary>
    private static void AcceptShownWork(List<Fact> facts, List<(Fact Fact, string Text)> unsupported, List<(int Start, int Length)> sentences)
    {
        int SentenceOf(Fact f) => sentences.FindIndex(s => f.Start >= s.Start && f.Start < s.Start + s.Length);
        bool IsUnsupported(Fact f) => unsupported.Exists(u => ReferenceEquals(u.Fact, f));
        static bool IsMultiplier(Fact m) =>
            m.Kind is FactKind.Count or FactKind.Duration or FactKind.Number && m.Surface.Length == 1 && m.Surface[0] >= 2 && m.Surface[0] == Math.Floor(m.Surface[0]);

        var amounts = facts.Where(f => f.Kind == FactKind.Amount && f.Low == f.High && f.Low > 0).ToList();
        var known = amounts.Where(a => !IsUnsupported(a)).ToList();
        foreach (var amount in amounts.Where(IsUnsupported))
        {
            var sentence = SentenceOf(amount);
            var operands = known.Where(k => k.Key == amount.Key).ToList();
            var local = operands.Where(k => SentenceOf(k) == sentence).ToList();
            var summed = local.Exists(a => operands.Exists(b => !ReferenceEquals(a, b) && (Near(a.Low + b.Low, amount.Low) || Near(Math.Abs(a.Low - b.Low), amount.Low))));
            var multiplied = facts.Exists(m => IsMultiplier(m) && SentenceOf(m) == sentence && local.Exists(a => Near(a.Low * m.Surface[0], amount.Low)));
            if (summed || multiplied)
            {
                unsupported.RemoveAll(u => ReferenceEquals(u.Fact, amount));
                known.Add(amount);
            }
        }

        unsupported.RemoveAll(u => IsMultiplier(u.Fact) && known.Exists(a => SentenceOf(a) == SentenceOf(u.Fact)
            && known.Exists(p => !ReferenceEquals(a, p) && p.Key == a.Key && SentenceOf(p) == SentenceOf(a) && Near(a.Low * u.Fact.Surface[0], p.Low))));
    }

    private static bool Near(double a, double b) => Math.Abs(a - b) <= 1e-6 * Math.Max(1, Math.Abs(a));

    /// <summary>True when <paramref name="text"/> says something besides citation markers and a sources list.</summary>
    internal static bool HasBody(string text, string? sourcesHeading)
    {
        var body = FootnoteLine().Replace(text, "");
        body = FactPatterns.Citation().Replace(body, "");
        if (!string.IsNullOrEmpty(sourcesHeading))
        {
            body = body.Replace(sourcesHeading, "", StringComparison.Ordinal);
        }

        return SentenceSplitter.HasContent(body);
    }

    [GeneratedRegex(@"(?m)^[ \t]*\[\d{1,3}\][^\n]*$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex FootnoteLine();
}
