using System.Text.RegularExpressions;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Content;

namespace ServiceBot.ChatBot.Filters;

/// <summary>A compiled, validated fast-fix rules file.</summary>
/// <remarks>Immutable; swapped as a whole on reload. Safe to share.</remarks>
internal sealed class FastFixRuleSet
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    private FastFixRuleSet(List<Compiled> rules) => Rules = rules;

    public static FastFixRuleSet Empty { get; } = new([]);

    public IReadOnlyList<Compiled> Rules { get; }

    /// <summary>Reads and validates the rules file at <paramref name="path"/>.</summary>
    /// <exception cref="BotDefinitionException">The file is missing or a rule is invalid; names file and line.</exception>
    public static FastFixRuleSet Load(string path)
    {
        var document = YamlContent.Load(path);
        var file = document.Bind<FastFixFile>();
        var compiled = new List<Compiled>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < file.Rules.Count; i++)
        {
            var rule = file.Rules[i];
            var line = document.LineOf($"$.rules[{i}]");
            if (string.IsNullOrWhiteSpace(rule.Id) || !ids.Add(rule.Id))
            {
                throw new BotDefinitionException(path, line, $"fast-fix rule #{i + 1} needs a unique id.");
            }

            if (rule.Action is not ("block" or "remove-sentence" or "replace"))
            {
                throw new BotDefinitionException(path, line, $"fast-fix rule '{rule.Id}': action must be block, remove-sentence or replace, not '{rule.Action}'.");
            }

            if (rule.Action == "replace" && rule.With is null)
            {
                throw new BotDefinitionException(path, line, $"fast-fix rule '{rule.Id}': replace needs 'with'.");
            }

            if (rule.Contains.Count == 0 && string.IsNullOrEmpty(rule.Regex))
            {
                throw new BotDefinitionException(path, line, $"fast-fix rule '{rule.Id}' needs 'contains' or 'regex'.");
            }

            var pattern = string.Join("|", rule.Contains.Where(c => c.Length > 0).Select(System.Text.RegularExpressions.Regex.Escape).Append(rule.Regex).Where(p => !string.IsNullOrEmpty(p)));
            Regex regex;
            try
            {
                regex = new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeout);
            }
            catch (ArgumentException e)
            {
                throw new BotDefinitionException(path, line, $"fast-fix rule '{rule.Id}': the regex does not compile: {e.Message}", e);
            }

            compiled.Add(new Compiled(rule, regex));
        }

        return new FastFixRuleSet(compiled);
    }

    internal sealed record Compiled(FastFixRule Rule, Regex Regex);
}
