using System.Text;
using System.Text.RegularExpressions;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.Text;
using ServiceBot.ChatBot.Content;

namespace ServiceBot.ChatBot.Templates;

/// <summary>
/// A bot's chit-chat templates, compiled once when the bot loads: whole-message patterns with
/// wildcards and captures, and regexes, matched against the <see cref="MatchKey"/> of the message.
/// </summary>
/// <remarks>Immutable and thread-safe. Captures longer than <see cref="MaxCaptureLength"/> characters do not match, so a template never parrots a long message back.</remarks>
internal sealed partial class TemplateSet
{
    public const int MaxCaptureLength = 20;

    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    private readonly List<Compiled> _compiled;

    private TemplateSet(List<Compiled> compiled) => _compiled = compiled;

    public static TemplateSet Empty { get; } = new([]);

    public int Count => _compiled.Select(c => c.Template).Distinct().Count();

    /// <summary>The patterns without wildcards or captures, as written: the messages that match them exactly.</summary>
    public IEnumerable<string> ExactPatterns => _compiled.Where(c => c.IsExact).Select(c => c.Source);

    /// <summary>Compiles templates, each with the file it was read from (for errors).</summary>
    /// <exception cref="BotDefinitionException">A template is incomplete, a regex does not compile, or a reply names an unknown placeholder.</exception>
    public static TemplateSet Compile(IEnumerable<(string File, ChitChatTemplate Template)> templates, ITextAnalyzer analyzer, Persona persona)
    {
        var compiled = new List<Compiled>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (file, template) in templates)
        {
            if (string.IsNullOrWhiteSpace(template.Id))
            {
                throw new BotDefinitionException(file, "a template has no id.");
            }

            if (!ids.Add(template.Id))
            {
                throw new BotDefinitionException(file, $"template '{template.Id}' is defined twice.");
            }

            if (template.Patterns.Count == 0 && template.Regex.Count == 0)
            {
                throw new BotDefinitionException(file, $"template '{template.Id}' has neither patterns nor regex.");
            }

            if (template.Replies is null || template.Replies.Variants.Count == 0 || template.Replies.Variants.Values.Any(v => v.Length == 0 || v.Any(string.IsNullOrWhiteSpace)))
            {
                throw new BotDefinitionException(file, $"template '{template.Id}' needs at least one non-empty reply.");
            }

            var captures = new HashSet<string>(StringComparer.Ordinal);
            foreach (var pattern in template.Patterns)
            {
                compiled.Add(CompilePattern(file, template, pattern, analyzer, captures));
            }

            foreach (var regex in template.Regex)
            {
                compiled.Add(CompileRegex(file, template, regex, captures));
            }

            foreach (var variant in template.Replies.Variants.Values.SelectMany(v => v))
            {
                foreach (Match placeholder in Placeholder().Matches(variant))
                {
                    var name = placeholder.Groups["name"].Value;
                    var known = name.StartsWith("persona.", StringComparison.Ordinal) ? persona.Values.ContainsKey(name["persona.".Length..]) : captures.Contains(name);
                    if (!known)
                    {
                        throw new BotDefinitionException(file, $"template '{template.Id}' replies with {{{name}}}, which no pattern captures and the persona does not define.");
                    }
                }
            }
        }

        // Higher priority first, then longer literal text (more specific).
        compiled.Sort((a, b) => b.Template.Priority != a.Template.Priority ? b.Template.Priority.CompareTo(a.Template.Priority) : b.LiteralLength.CompareTo(a.LiteralLength));
        return new TemplateSet(compiled);
    }

    /// <summary>The best template for a message in <paramref name="locale"/> whose coverage reaches <paramref name="minCoverage"/>, or null.</summary>
    public TemplateMatch? Match(string normalizedMessage, string locale, double minCoverage)
    {
        var key = MatchKey.Of(normalizedMessage);
        if (key.Length == 0)
        {
            return null;
        }

        TemplateMatch? best = null;
        var bestPriority = int.MinValue;
        foreach (var candidate in _compiled)
        {
            if (best is not null && candidate.Template.Priority < bestPriority)
            {
                break;
            }

            if (!AppliesTo(candidate.Template.Locale, locale))
            {
                continue;
            }

            Match m;
            try
            {
                m = candidate.Regex.Match(key);
            }
            catch (RegexMatchTimeoutException)
            {
                continue;
            }

            if (!m.Success)
            {
                continue;
            }

            var captures = new Dictionary<string, string>(StringComparer.Ordinal);
            var tooLong = false;
            foreach (var name in candidate.Captures)
            {
                var value = m.Groups[name].Value.Trim();
                tooLong |= value.Length > MaxCaptureLength || value.Length == 0;
                captures[name] = value;
            }

            if (tooLong)
            {
                continue;
            }

            var coverage = candidate.IsRegex ? (double)m.Length / key.Length : Math.Min(1, (double)candidate.LiteralLength / key.Length);
            if (candidate.IsExact)
            {
                coverage = 1;
            }

            if (coverage < minCoverage || (best is not null && coverage <= best.Coverage))
            {
                continue;
            }

            best = new TemplateMatch(candidate.Template, candidate.Source, coverage, captures);
            bestPriority = candidate.Template.Priority;
        }

        return best;
    }

    /// <summary>Fills a reply variant's placeholders.</summary>
    public static string Render(string reply, IReadOnlyDictionary<string, string> captures, Persona persona, string locale) =>
        Placeholder().Replace(reply, m =>
        {
            var name = m.Groups["name"].Value;
            return name.StartsWith("persona.", StringComparison.Ordinal)
                ? persona.Get(name["persona.".Length..], locale) ?? ""
                : captures.GetValueOrDefault(name, "");
        });

    private static bool AppliesTo(string? templateLocale, string locale) =>
        templateLocale is null || locale.StartsWith(templateLocale, StringComparison.OrdinalIgnoreCase)
        || templateLocale.StartsWith(locale.Split('-')[0], StringComparison.OrdinalIgnoreCase);

    private static Compiled CompilePattern(string file, ChitChatTemplate template, string pattern, ITextAnalyzer analyzer, HashSet<string> captures)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            throw new BotDefinitionException(file, $"template '{template.Id}' has an empty pattern.");
        }

        var regex = new StringBuilder("^");
        var names = new List<string>();
        var literal = 0;
        var exact = true;
        var first = true;
        foreach (Match part in PatternPart().Matches(pattern))
        {
            if (!first)
            {
                regex.Append(@"\s?");
            }

            first = false;
            if (part.Groups["star"].Success)
            {
                regex.Append(".*?");
                exact = false;
            }
            else if (part.Groups["capture"].Success)
            {
                var name = part.Groups["capture"].Value;
                names.Add(name);
                captures.Add(name);
                regex.Append("(?<").Append(name).Append(">.+?)");
                exact = false;
            }
            else
            {
                var key = MatchKey.Of(analyzer.Analyze(part.Value).Normalized);
                literal += key.Length;
                regex.Append(System.Text.RegularExpressions.Regex.Escape(key));
            }
        }

        regex.Append('$');
        if (literal == 0)
        {
            throw new BotDefinitionException(file, $"template '{template.Id}' pattern \"{pattern}\" has no literal text; it would match every message.");
        }

        return new Compiled(template, pattern, new Regex(regex.ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline, MatchTimeout), names, literal, IsExact: exact, IsRegex: false);
    }

    private static Compiled CompileRegex(string file, ChitChatTemplate template, string pattern, HashSet<string> captures)
    {
        Regex regex;
        try
        {
            regex = new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, MatchTimeout);
        }
        catch (ArgumentException e)
        {
            throw new BotDefinitionException(file, $"template '{template.Id}' regex \"{pattern}\" does not compile: {e.Message}", e);
        }

        var names = regex.GetGroupNames().Where(n => !int.TryParse(n, System.Globalization.CultureInfo.InvariantCulture, out _)).ToList();
        foreach (var name in names)
        {
            captures.Add(name);
        }

        return new Compiled(template, pattern, regex, names, pattern.Length, IsExact: false, IsRegex: true);
    }

    [GeneratedRegex(@"(?<star>\*)|\{(?<capture>[A-Za-z_][A-Za-z0-9_]*)\}|(?<literal>[^*{]+|\{)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex PatternPart();

    [GeneratedRegex(@"\{(?<name>[A-Za-z_][A-Za-z0-9_.]*)\}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Placeholder();

    private sealed record Compiled(ChitChatTemplate Template, string Source, Regex Regex, List<string> Captures, int LiteralLength, bool IsExact, bool IsRegex);
}
