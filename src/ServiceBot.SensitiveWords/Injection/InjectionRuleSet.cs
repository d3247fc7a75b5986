using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using ServiceBot.Abstractions.Bots;

namespace ServiceBot.SensitiveWords.Injection;

/// <summary>
/// The prompt-injection screen's rules and heuristic weights, read from a rules file
/// (<c>Resources/prompt-injection.tsv</c> by default; a bot may add its own file).
/// </summary>
/// <remarks>
/// Immutable and thread-safe. Every pattern runs on the non-backtracking engine, so matching is linear in
/// the message for any input; all patterns are also joined into one expression so a message that
/// matches none (nearly every customer message) is read once.
/// </remarks>
internal sealed class InjectionRuleSet
{
    private const string ResourceName = "ServiceBot.SensitiveWords.Resources.prompt-injection.tsv";
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);
    private static readonly Lazy<InjectionRuleSet> EmbeddedSet = new(() => Parse(ReadEmbedded(), "prompt-injection.tsv (built in)", baseSet: null));

    private readonly Regex[] _groups;

    private InjectionRuleSet(IReadOnlyList<InjectionRule> rules, InjectionHeuristics heuristics)
    {
        Rules = rules;
        Heuristics = heuristics;
        _groups = Group(rules);
    }

    /// <summary>The built-in rules.</summary>
    public static InjectionRuleSet Embedded => EmbeddedSet.Value;

    public IReadOnlyList<InjectionRule> Rules { get; }

    public InjectionHeuristics Heuristics { get; }

    /// <summary>Reads a rules file and adds its rules to <paramref name="baseSet"/> (a rule with the same id replaces the base one).</summary>
    /// <exception cref="BotDefinitionException">The file cannot be read or a line is malformed (the message names the line).</exception>
    public static InjectionRuleSet Load(string path, InjectionRuleSet? baseSet)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BotDefinitionException(path, $"the prompt-injection rules cannot be read: {e.Message}", e);
        }

        return Parse(text, path, baseSet);
    }

    /// <summary>Parses rule and heuristic lines.</summary>
    /// <exception cref="BotDefinitionException">A line is malformed: wrong number of fields, weight outside [0, 1], an invalid or unsupported pattern, an unknown heuristic.</exception>
    public static InjectionRuleSet Parse(string text, string source, InjectionRuleSet? baseSet)
    {
        var rules = new List<InjectionRule>(baseSet?.Rules ?? []);
        var heuristics = baseSet?.Heuristics ?? new InjectionHeuristics();
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r');
            if (line.AsSpan().Trim().IsEmpty || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length != 3)
            {
                throw new BotDefinitionException(source, lineNumber, $"expected ID<TAB>WEIGHT<TAB>PATTERN (or @HEURISTIC<TAB>WEIGHT<TAB>PARAMETER), found {fields.Length} field(s).");
            }

            var id = fields[0].Trim();
            if (!double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var weight) || weight is < 0 or > 1)
            {
                throw new BotDefinitionException(source, lineNumber, $"rule '{id}': the weight '{fields[1]}' is not a number between 0 and 1.");
            }

            if (id.StartsWith('@'))
            {
                heuristics = WithHeuristic(heuristics, id, weight, fields[2], source, lineNumber);
                continue;
            }

            Regex pattern;
            try
            {
                pattern = new Regex(fields[2], Options, MatchTimeout);
            }
            catch (ArgumentException e)
            {
                throw new BotDefinitionException(source, lineNumber, $"rule '{id}': the pattern is not a valid regular expression: {e.Message}", e);
            }
            catch (NotSupportedException e)
            {
                throw new BotDefinitionException(source, lineNumber, $"rule '{id}': the non-backtracking engine cannot run this pattern (no lookarounds, backreferences or very large repetitions): {e.Message}", e);
            }

            rules.RemoveAll(r => r.Id == id);
            rules.Add(new InjectionRule(id, weight, pattern, $"{source}:{lineNumber}"));
        }

        return new InjectionRuleSet(rules, heuristics);
    }

    /// <summary>True when any rule matches: the cheap first look.</summary>
    public bool AnyMatch(string normalized)
    {
        foreach (var group in _groups)
        {
            if (group.IsMatch(normalized))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Joins the rules into as few alternations as the non-backtracking engine accepts (it bounds the
    /// size of one automaton), so a message that matches nothing is read a handful of times, not once per rule.
    /// </summary>
    private static Regex[] Group(IReadOnlyList<InjectionRule> rules)
    {
        var groups = new List<Regex>();
        AddGroups(rules.Select(r => r.Pattern).ToArray(), groups);
        return [.. groups];
    }

    // One alternation of all rules answers "does anything fire?" in a single pass; when the
    // engine cannot hold them all in one pattern, the set is halved until each part fits.
    private static void AddGroups(Regex[] patterns, List<Regex> groups)
    {
        if (patterns.Length == 0)
        {
            return;
        }

        if (patterns.Length == 1)
        {
            groups.Add(patterns[0]);
            return;
        }

        try
        {
            groups.Add(new Regex(string.Join('|', patterns.Select(p => $"(?:{p})")), Options, MatchTimeout));
        }
        catch (NotSupportedException)
        {
            var half = patterns.Length / 2;
            AddGroups(patterns[..half], groups);
            AddGroups(patterns[half..], groups);
        }
    }

    private static InjectionHeuristics WithHeuristic(InjectionHeuristics heuristics, string id, double weight, string parameter, string source, int line)
    {
        if (!int.TryParse(parameter.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            throw new BotDefinitionException(source, line, $"heuristic '{id}': the parameter '{parameter}' is not a positive whole number.");
        }

        return id switch
        {
            "@token-flood" => heuristics with { TokenFloodWeight = weight, TokenFloodCount = value },
            "@long-message" => heuristics with { LongMessageWeight = weight, LongMessageChars = value },
            "@many-lines" => heuristics with { ManyLinesWeight = weight, ManyLinesCount = value },
            _ => throw new BotDefinitionException(source, line, $"unknown heuristic '{id}'; known: @token-flood, @long-message, @many-lines."),
        };
    }

    private static string ReadEmbedded()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
