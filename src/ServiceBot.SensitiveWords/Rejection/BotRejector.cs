using ServiceBot.Abstractions.Bots;
using ServiceBot.SensitiveWords.Injection;
using ServiceBot.SensitiveWords.WordLists;

namespace ServiceBot.SensitiveWords.Rejection;

/// <summary>
/// Everything the rejector needs for one bot, compiled once: the word matcher, the action of each
/// category, the prompt-injection rules and the settings. Immutable; a reload builds a new one.
/// </summary>
internal sealed class BotRejector
{
    private BotRejector(RejectorSettings settings, SensitiveWordMatcher matcher, InjectionRuleSet injection)
    {
        Settings = settings;
        Matcher = matcher;
        Injection = injection;
    }

    public RejectorSettings Settings { get; }

    public SensitiveWordMatcher Matcher { get; }

    public InjectionRuleSet Injection { get; }

    /// <summary>The files this rejector was built from, for change detection.</summary>
    public IReadOnlyList<string> Files { get; private init; } = [];

    private HashSet<string> ReplyCategories { get; init; } = [];

    /// <summary>Builds a bot's rejector; a missing or malformed file throws <see cref="BotDefinitionException"/>.</summary>
    public static BotRejector Build(BotDefinition bot, WordListLimits limits)
    {
        var settings = bot.GetSettings<RejectorSettings>(RejectorSettings.Section);
        var actions = new Dictionary<string, RejectAction>(StringComparer.OrdinalIgnoreCase);
        foreach (var (category, action) in settings.Actions)
        {
            actions[SensitiveWordMatcher.NormalizeCategory(category) ?? category] = action;
        }

        settings.Actions = actions;
        var replyCategories = settings.ReplyFilter.Categories.Select(c => SensitiveWordMatcher.NormalizeCategory(c) ?? c).ToHashSet(StringComparer.OrdinalIgnoreCase);
        settings.Replies = new Dictionary<string, LocalizedText>(settings.Replies, StringComparer.OrdinalIgnoreCase);
        if (settings.Injection.Threshold is <= 0 or > 1)
        {
            throw new BotDefinitionException(bot.SourcePath, $"rejector.injection.threshold must be above 0 and at most 1, not {settings.Injection.Threshold}.");
        }

        var files = new List<string>();
        var sources = new List<WordListSource>();
        foreach (var list in settings.Lists)
        {
            if (string.IsNullOrWhiteSpace(list.Path))
            {
                throw new BotDefinitionException(bot.SourcePath, "an entry of rejector.lists has no path.");
            }

            var path = bot.ResolvePath(list.Path);
            files.Add(path);
            sources.Add(new WordListSource(path, list.Category, list.Allow));
        }

        var matcher = SensitiveWordMatcher.Load(sources, limits);
        var injection = InjectionRuleSet.Embedded;
        if (settings.Injection.Rules is { Length: > 0 } rules)
        {
            var path = bot.ResolvePath(rules);
            files.Add(path);
            injection = InjectionRuleSet.Load(path, InjectionRuleSet.Embedded);
        }

        return new BotRejector(settings, matcher, injection) { Files = files, ReplyCategories = replyCategories };
    }

    public bool IsCheckedInReplies(SensitiveWordMatch match) =>
        ReplyCategories.Count > 0 ? ReplyCategories.Contains(match.Category) : ActionOf(match) > RejectAction.Log;

    public RejectAction ActionOf(SensitiveWordMatch match) =>
        Settings.Actions.TryGetValue(match.Category, out var action) ? action : Settings.DefaultAction;
}
