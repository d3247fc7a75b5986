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
                continue;
            }

            sentences ??= SentenceSplitter.Split(reply);
            var (start, length) = sentences.Find(s => fact.Start >= s.Start && fact.Start < s.Start + s.Length);
            if (!sources.SupportsByProportion(fact, facts.Where(f => f.Start >= start && f.Start < start + length)) && !sources.SupportsByArithmetic(fact))
            {
                unsupported.Add((fact, fact.TextIn(reply)));
            }
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
