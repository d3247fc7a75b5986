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
        List<Fact>? supported = null;
        foreach (var fact in facts)
        {
            if (sources.Supports(fact))
            {
                (supported ??= []).Add(fact);
                continue;
            }

            sentences ??= SentenceSplitter.Split(reply);
            var (start, length) = sentences.Find(s => fact.Start >= s.Start && fact.Start < s.Start + s.Length);
            if (!sources.SupportsByProportion(fact, facts.Where(f => f.Start >= start && f.Start < start + length)) && !sources.SupportsByArithmetic(fact))
            {
                unsupported.Add((fact, fact.TextIn(reply)));
            }
        }

        foreach (var (fact, item) in sources.Misattributed(reply, facts, supported ?? []))
        {
            unsupported.Add((fact, fact.TextIn(reply) + " for " + item));
            sentences ??= SentenceSplitter.Split(reply);
        }

        if (unsupported.Count > 0)
        {
            AcceptShownWork(facts, unsupported, sentences!);
            AcceptWorkedOutTimes(facts, unsupported, sources);
            AcceptListCounts(reply, unsupported, sentences!);
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
    /// of that sentence and a count, duration, number, share or discount of it ("超出的2米按每米¥80收费，
    /// 另付¥160"; "实付金额的8%，您实付¥6,000，需要¥480").
    /// Accepted amounts are operands for the later ones, in reply order; a count, duration or number
    /// that multiplies one amount of its sentence into another is accepted as the multiplier it is.
    /// Sums of the sources' figures the reply does not state stay unsupported: that "¥10" is ¥18 − ¥8
    /// supports nothing unless the reply says ¥18 and ¥8.
    /// </summary>
    private static void AcceptShownWork(List<Fact> facts, List<(Fact Fact, string Text)> unsupported, List<(int Start, int Length)> sentences)
    {
        int SentenceOf(Fact f) => sentences.FindIndex(s => f.Start >= s.Start && f.Start < s.Start + s.Length);
        bool IsUnsupported(Fact f) => unsupported.Exists(u => ReferenceEquals(u.Fact, f));

        // Shares and discounts are policy figures: one the sources do not state stays unsupported
        // whatever it multiplies.
        static bool IsMultiplier(Fact m) => m.Kind is not (FactKind.Percent or FactKind.Discount) && Rates(m).Any();

        var amounts = facts.Where(f => f.Kind == FactKind.Amount && f.Low == f.High && f.Low > 0).ToList();
        var known = amounts.Where(a => !IsUnsupported(a)).ToList();
        foreach (var amount in amounts.Where(IsUnsupported))
        {
            var sentence = SentenceOf(amount);
            var operands = known.Where(k => k.Key == amount.Key).ToList();
            var local = operands.Where(k => SentenceOf(k) == sentence).ToList();
            var summed = local.Exists(a => operands.Exists(b => !ReferenceEquals(a, b) && (FactIndex.Near(a.Low + b.Low, amount.Low) || FactIndex.Near(Math.Abs(a.Low - b.Low), amount.Low))));
            var multiplied = facts.Exists(m => SentenceOf(m) == sentence && Rates(m).Any(r => local.Exists(a => FactIndex.Near(a.Low * r, amount.Low))));
            if (summed || multiplied)
            {
                unsupported.RemoveAll(u => ReferenceEquals(u.Fact, amount));
                known.Add(amount);
            }
        }

        unsupported.RemoveAll(u => IsMultiplier(u.Fact) && known.Exists(a => SentenceOf(a) == SentenceOf(u.Fact)
            && known.Exists(p => !ReferenceEquals(a, p) && p.Key == a.Key && SentenceOf(p) == SentenceOf(a) && FactIndex.Near(a.Low * u.Fact.Surface[0], p.Low))));
    }

    // What a fact of the amount's sentence may multiply it by: a count, duration or number ("2米",
    // "12个月", "3 ×"), a share ("8%" of it, or what is left after it) or a discount (8折).
    private static IEnumerable<double> Rates(Fact m)
    {
        switch (m.Kind)
        {
            case FactKind.Percent when m.Low == m.High && m.Low is > 0 and < 100:
                return [m.Low / 100, 1 - (m.Low / 100)];
            case FactKind.Discount when m.Low == m.High && m.Low is > 0 and < 10:
                return [m.Low / 10, 1 - (m.Low / 10)];
            case FactKind.Count or FactKind.Duration or FactKind.Number or FactKind.Multiplier
                when m.Surface.Length == 1 && m.Surface[0] >= 2 && m.Surface[0] == Math.Floor(m.Surface[0]):
                return [m.Surface[0]];
            default:
                return [];
        }
    }

    /// <summary>
    /// Accepts a time the reply works out from a time it states or the customer gave and a duration
    /// the sources or the reply state: "14:00那场持续2小时，到下午4点结束", "you ordered at 9:15 and have
    /// 2 hours, so until 11:15". Either reading of a twelve-hour time counts.
    /// </summary>
    private static void AcceptWorkedOutTimes(List<Fact> facts, List<(Fact Fact, string Text)> unsupported, FactIndex sources)
    {
        if (!unsupported.Exists(u => u.Fact.Kind == FactKind.Time))
        {
            return;
        }

        var bases = facts.Where(f => f.Kind == FactKind.Time && !unsupported.Exists(u => ReferenceEquals(u.Fact, f))).Concat(sources.CustomerTimes).ToList();
        var durations = facts.Where(f => f.Kind == FactKind.Duration && !unsupported.Exists(u => ReferenceEquals(u.Fact, f))).Concat(sources.Durations)
            .SelectMany(d => new[] { d.Low, d.High }).Where(d => d > 0 && d < 1440).Distinct().ToList();
        unsupported.RemoveAll(u => u.Fact.Kind == FactKind.Time && bases.Exists(b =>
            durations.Exists(d => new[] { b.Low, b.High }.Any(at => new[] { u.Fact.Low, u.Fact.High }.Any(t => SameClock(at + d, t) || SameClock(at - d, t))))));
    }

    /// <summary>
    /// Accepts a count that says how many items the reply lists right after it: "Gift cards come in
    /// four values:" over four bulleted lines, "有以下3种情况：" over three numbered ones.
    /// </summary>
    private static void AcceptListCounts(string reply, List<(Fact Fact, string Text)> unsupported, List<(int Start, int Length)> sentences)
    {
        unsupported.RemoveAll(u =>
        {
            if (u.Fact.Kind is not (FactKind.Count or FactKind.Number) || u.Fact.Surface.Length != 1)
            {
                return false;
            }

            var at = sentences.FindIndex(s => u.Fact.Start >= s.Start && u.Fact.Start < s.Start + s.Length);
            var header = reply.AsSpan(sentences[at].Start, sentences[at].Length).TrimEnd();
            if (header.IsEmpty || header[^1] is not (':' or '：'))
            {
                return false;
            }

            var items = 0;
            while (at + items + 1 < sentences.Count && SentenceSplitter.IsListItem(reply.AsSpan(sentences[at + items + 1].Start, sentences[at + items + 1].Length)))
            {
                items++;
            }

            return items == u.Fact.Surface[0];
        });
    }

    private static bool SameClock(double a, double b) => FactIndex.Near((((a - b) % 1440) + 1440) % 1440, 0);

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
