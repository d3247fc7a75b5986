using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.Nlu;
using ServiceBot.Content;

namespace ServiceBot.Funnel.Rules;

/// <summary>
/// A bot's rules compiled for lookup: exact phrases in one hash table, contained phrases and
/// patterns in priority order. Immutable once built, so one instance serves all turns and a
/// reload swaps in a new one.
/// </summary>
internal sealed class RuleBook
{
    private const RegexOptions PatternOptions = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;

    // The non-backtracking engine is linear in the input and the guard bounds the input, so this is a
    // safety net only. It must not be tight: the engine builds its automaton lazily on first use, and
    // on a busy machine that first match can take a few hundred milliseconds, which must not turn a
    // "转人工" into a miss.
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(2);

    private readonly Dictionary<string, CompiledRule> _exact;
    private readonly CompiledRule[] _ordered;
    private readonly CompiledRule[] _byIntent;

    private RuleBook(string file, Dictionary<string, CompiledRule> exact, CompiledRule[] ordered, IReadOnlyList<IntentReference> intents)
    {
        File = file;
        _exact = exact;
        _ordered = ordered;
        _byIntent = [.. ordered.Where(r => r.Intents.Count > 0)];
        Intents = intents;
    }

    public static RuleBook Empty { get; } = new("", new Dictionary<string, CompiledRule>(StringComparer.Ordinal), [], []);

    public int Count => _ordered.Length;

    /// <summary>The rules file the book was compiled from; empty for <see cref="Empty"/>.</summary>
    public string File { get; }

    /// <summary>Every intent the rules name, with its line, for checking against the bot's intents.</summary>
    public IReadOnlyList<IntentReference> Intents { get; }

    public bool HasIntentRules => _byIntent.Length > 0;

    /// <summary>Reads and compiles a rules file; a malformed file throws <see cref="BotDefinitionException"/> naming the file, line and rule.</summary>
    public static RuleBook Load(string path) => Compile(YamlContent.Load(path));

    public static RuleBook Parse(string yaml, string file) => Compile(YamlContent.Parse(yaml, file));

    private static RuleBook Compile(YamlContentDocument document)
    {
        RulesFile file;
        try
        {
            file = document.Root?.Deserialize<RulesFile>(BotSettingsJson.Options) ?? new RulesFile();
        }
        catch (JsonException e)
        {
            var path = e.Path ?? "$";
            throw new BotDefinitionException(document.File, document.LineOf(path), $"{path.TrimStart('$', '.')}: {e.Message}", e);
        }

        var exact = new Dictionary<string, CompiledRule>(StringComparer.Ordinal);
        var ordered = new List<CompiledRule>();
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var references = new List<IntentReference>();
        for (var i = 0; i < file.Rules.Count; i++)
        {
            var definition = file.Rules[i];
            var line = document.LineOf($"$.rules[{i}]");
            var id = definition.Id.Trim();
            if (id.Length == 0)
            {
                throw new BotDefinitionException(document.File, line, $"rule #{i + 1} has no id.");
            }

            if (!ids.Add(id))
            {
                throw new BotDefinitionException(document.File, line, $"rule '{id}' is defined twice.");
            }

            if (definition.Replies is null || definition.Replies.Variants.Count == 0)
            {
                throw new BotDefinitionException(document.File, line, $"rule '{id}' has no replies.");
            }

            if (definition.Exact.Count + definition.Contains.Count + definition.Patterns.Count + definition.Intents.Count == 0)
            {
                throw new BotDefinitionException(document.File, line, $"rule '{id}' has nothing to match (exact, contains, patterns or intents).");
            }

            var minConfidence = definition.MinConfidence ?? RuleDefinition.DefaultMinConfidence;
            if (definition.MinConfidence is not null && definition.Intents.Count == 0)
            {
                throw new BotDefinitionException(document.File, LineOfKey(document, i, "min-confidence", "minConfidence", "min_confidence"), $"rule '{id}' sets min-confidence but has no intents for it to apply to.");
            }

            // Written as a negation so that NaN fails too.
            if (!(minConfidence > 0 && minConfidence <= 1))
            {
                throw new BotDefinitionException(document.File, LineOfKey(document, i, "min-confidence", "minConfidence", "min_confidence"), $"rule '{id}': min-confidence {minConfidence.ToString(CultureInfo.InvariantCulture)} is outside (0, 1]; it is a probability, e.g. 0.8.");
            }

            var intents = new HashSet<string>(StringComparer.Ordinal);
            for (var n = 0; n < definition.Intents.Count; n++)
            {
                var intent = definition.Intents[n]?.Trim() ?? "";
                var intentLine = document.LineOf($"$.rules[{i}].intents[{n}]");
                if (intent.Length == 0)
                {
                    throw new BotDefinitionException(document.File, intentLine, $"rule '{id}': intent #{n + 1} is empty.");
                }

                if (intents.Add(intent))
                {
                    references.Add(new IntentReference(id, intent, intentLine));
                }
            }

            var patterns = new Regex[definition.Patterns.Count];
            for (var p = 0; p < patterns.Length; p++)
            {
                try
                {
                    patterns[p] = new Regex(definition.Patterns[p], PatternOptions, MatchTimeout);
                }
                catch (Exception e) when (e is ArgumentException or NotSupportedException)
                {
                    throw new BotDefinitionException(document.File, document.LineOf($"$.rules[{i}].patterns[{p}]"), $"rule '{id}': pattern '{definition.Patterns[p]}' is not a valid regular expression for the non-backtracking engine: {e.Message}", e);
                }
            }

            var contains = definition.Contains.Select(MessageKey.Of).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
            var rule = new CompiledRule(
                id,
                definition.Priority,
                i,
                definition.Action,
                contains,
                patterns,
                definition.MaxChars,
                intents.ToFrozenSet(StringComparer.Ordinal),
                minConfidence,
                definition.Replies,
                new Dictionary<string, LocalizedText>(definition.ChannelReplies, StringComparer.OrdinalIgnoreCase));
            ordered.Add(rule);
            foreach (var phrase in definition.Exact)
            {
                var key = MessageKey.Of(phrase);
                if (key.Length == 0)
                {
                    throw new BotDefinitionException(document.File, document.LineOf($"$.rules[{i}].exact"), $"rule '{id}': the phrase '{phrase}' has no letters or digits.");
                }

                // Two rules claiming one phrase: the higher priority keeps it.
                if (!exact.TryGetValue(key, out var existing) || Wins(rule, existing))
                {
                    exact[key] = rule;
                }
            }
        }

        ordered.Sort(static (a, b) => Wins(a, b) ? -1 : Wins(b, a) ? 1 : 0);
        return new RuleBook(document.File, exact, [.. ordered], references);
    }

    /// <summary>
    /// The best rule for a message by its exact, contains and pattern triggers, or null.
    /// <paramref name="key"/> is <see cref="MessageKey.Of"/> of the message. Intent triggers are
    /// weighed afterwards, by <see cref="MatchIntent"/>, only where <see cref="IntentMayOutrank"/>.
    /// </summary>
    public RuleMatch? Match(string text, string key)
    {
        if (key.Length == 0)
        {
            return null;
        }

        _exact.TryGetValue(key, out var exact);
        foreach (var rule in _ordered)
        {
            if (exact is not null && !Wins(rule, exact))
            {
                break;
            }

            if (key.Length > rule.MaxChars)
            {
                continue;
            }

            foreach (var phrase in rule.Contains)
            {
                if (key.Contains(phrase, StringComparison.Ordinal))
                {
                    return new RuleMatch(rule, "contains");
                }
            }

            if (rule.Patterns.Length > 0)
            {
                var folded = Fold(text);
                foreach (var pattern in rule.Patterns)
                {
                    try
                    {
                        if (pattern.IsMatch(folded))
                        {
                            return new RuleMatch(rule, "pattern");
                        }
                    }
                    catch (RegexMatchTimeoutException)
                    {
                        // A pattern that runs out of time does not match; the message goes on.
                    }
                }
            }
        }

        return exact is null ? null : new RuleMatch(exact, "exact");
    }

    /// <summary>
    /// Whether some intent rule would beat <paramref name="match"/> (or there is no match), so the
    /// message's intent is worth asking for. False for a book without intent rules, and for a message
    /// without letters or digits, which no classifier reads meaningfully.
    /// </summary>
    public bool IntentMayOutrank(RuleMatch? match, string key) =>
        _byIntent.Length > 0 && key.Length > 0 && (match is null || Wins(_byIntent[0], match.Rule));

    /// <summary>
    /// The best intent rule for <paramref name="intent"/> that beats <paramref name="match"/> (the
    /// result of <see cref="Match"/>); otherwise <paramref name="match"/> itself. A rule that already
    /// matched by a cheaper trigger is not matched again: it does not beat itself.
    /// </summary>
    public RuleMatch? MatchIntent(RecognizedIntent intent, RuleMatch? match)
    {
        foreach (var rule in _byIntent)
        {
            if (match is not null && !Wins(rule, match.Rule))
            {
                break;
            }

            if (intent.Probability >= rule.MinConfidence && rule.Intents.Contains(intent.Label))
            {
                return new RuleMatch(rule, "intent");
            }
        }

        return match;
    }

    private static int LineOfKey(YamlContentDocument document, int rule, params ReadOnlySpan<string> spellings)
    {
        // The key may be written in any of the spellings that bind; the first that is there is the
        // line, else the rule's own line.
        var ruleLine = document.LineOf($"$.rules[{rule}]");
        foreach (var spelling in spellings)
        {
            var line = document.LineOf($"$.rules[{rule}].{spelling}");
            if (line != ruleLine)
            {
                return line;
            }
        }

        return ruleLine;
    }

    private static bool Wins(CompiledRule a, CompiledRule b) => a.Priority > b.Priority || (a.Priority == b.Priority && a.Order < b.Order);

    private static string Fold(string text)
    {
        try
        {
            return text.Normalize(NormalizationForm.FormKC).ToLower(CultureInfo.InvariantCulture);
        }
        catch (ArgumentException)
        {
            return text.ToLower(CultureInfo.InvariantCulture);
        }
    }
}
