using System.Globalization;
using System.Text;
using ServiceBot.SensitiveWords.Matching;

namespace ServiceBot.SensitiveWords.Injection;

/// <summary>
/// Screens a customer message for instruction hijacking, prompt extraction and jailbreak templates
/// before any of it can reach a language model.
/// </summary>
/// <remarks>
/// Rules match the message after normalization (compatibility forms, lower case, one space for any run
/// of white space); heuristics look at its shape. Only the first <see cref="ScreenedChars"/> characters
/// are read, so the cost is bounded for any input; longer messages are over any sensible model limit
/// and are reported as such. Stateless and thread-safe; never throws for any string.
/// </remarks>
internal static class PromptInjectionScreen
{
    /// <summary>How much of a message the rules read.</summary>
    public const int ScreenedChars = 20_000;

    /// <summary>Assesses <paramref name="text"/>.</summary>
    /// <param name="text">The message as received.</param>
    /// <param name="rules">The bot's rules.</param>
    /// <param name="maxModelChars">Longest message a model may be given; 0 for no limit.</param>
    public static InjectionAssessment Assess(string text, InjectionRuleSet rules, int maxModelChars)
    {
        var overLength = maxModelChars > 0 && text.Length > maxModelChars;
        if (text.Length == 0)
        {
            return InjectionAssessment.None;
        }

        var normalized = Normalize(text.Length > ScreenedChars ? text[..ScreenedChars] : text, out var lineBreaks);
        var fired = new List<(string Id, double Weight)>();
        if (rules.AnyMatch(normalized))
        {
            foreach (var rule in rules.Rules)
            {
                if (rule.Weight > 0 && rule.Pattern.IsMatch(normalized))
                {
                    fired.Add((rule.Id, rule.Weight));
                }
            }
        }

        var heuristics = rules.Heuristics;
        if (heuristics.TokenFloodWeight > 0 && IsTokenFlood(normalized, heuristics.TokenFloodCount))
        {
            fired.Add(("@token-flood", heuristics.TokenFloodWeight));
        }

        if (heuristics.LongMessageWeight > 0 && text.Length > heuristics.LongMessageChars)
        {
            fired.Add(("@long-message", heuristics.LongMessageWeight));
        }

        if (heuristics.ManyLinesWeight > 0 && lineBreaks >= heuristics.ManyLinesCount)
        {
            fired.Add(("@many-lines", heuristics.ManyLinesWeight));
        }

        if (fired.Count == 0)
        {
            return overLength ? new InjectionAssessment(0, [], OverLength: true) : InjectionAssessment.None;
        }

        var miss = 1.0;
        foreach (var (_, weight) in fired)
        {
            miss *= 1 - weight;
        }

        fired.Sort(static (a, b) => b.Weight.CompareTo(a.Weight));
        return new InjectionAssessment(Math.Round(1 - miss, 4), fired.ConvertAll(f => f.Id), overLength);
    }

    /// <summary>Compatibility forms, base folding (case, script), one space for each run of white space, broken surrogates dropped.</summary>
    internal static string Normalize(string text, out int lineBreaks)
    {
        lineBreaks = 0;
        string compatible;
        try
        {
            compatible = text.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            compatible = DropBrokenSurrogates(text).Normalize(NormalizationForm.FormKC);
        }

        var builder = new StringBuilder(compatible.Length);
        var space = false;
        foreach (var c in compatible)
        {
            if (c == '\n')
            {
                lineBreaks++;
            }

            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(BaseCharFold.Fold(c));
        }

        return builder.ToString();
    }

    private static string DropBrokenSurrogates(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (!char.IsSurrogate(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>One space-separated token, or one character of unspaced text, repeated at least <paramref name="count"/> times and making up half the message or more.</summary>
    private static bool IsTokenFlood(string normalized, int count)
    {
        var tokens = new Dictionary<string, int>(StringComparer.Ordinal);
        var total = 0;
        var best = 0;
        foreach (var token in normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            total++;
            var n = tokens[token] = tokens.GetValueOrDefault(token) + 1;
            best = Math.Max(best, n);
        }

        if (best >= count && best * 2 >= total)
        {
            return true;
        }

        var chars = new Dictionary<char, int>();
        var letters = 0;
        best = 0;
        foreach (var c in normalized)
        {
            if (c == ' ')
            {
                continue;
            }

            letters++;
            var n = chars[c] = chars.GetValueOrDefault(c) + 1;
            best = Math.Max(best, n);
        }

        return best >= count && best * 2 >= letters;
    }
}
