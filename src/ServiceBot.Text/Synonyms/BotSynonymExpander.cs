using System.Runtime.CompilerServices;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.Text;

namespace ServiceBot.Text.Synonyms;

/// <summary>
/// Reads each bot's synonym files once per loaded <see cref="BotDefinition"/> (a reloaded bot is a new
/// instance and is read again; an unloaded one is collected with its synonyms).
/// </summary>
internal sealed class BotSynonymExpander : ISynonymExpander
{
    private readonly ITextAnalyzer _analyzer;
    private readonly ConditionalWeakTable<BotDefinition, Lazy<SynonymSet>> _sets = [];

    public BotSynonymExpander(ITextAnalyzer analyzer)
    {
        _analyzer = analyzer;
    }

    public IReadOnlyList<string> Expand(BotDefinition bot, string term) => GetSet(bot).Expand(term);

    public bool HasSynonyms(BotDefinition bot) => GetSet(bot).TermCount > 0;

    /// <summary>The bot's synonyms, read on first use.</summary>
    /// <exception cref="BotDefinitionException">A synonym file is missing or unreadable.</exception>
    public SynonymSet GetSet(BotDefinition bot)
    {
        ArgumentNullException.ThrowIfNull(bot);
        var lazy = _sets.GetValue(bot, b => new Lazy<SynonymSet>(() => Load(b), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch (BotDefinitionException)
        {
            // Retry on the next call: the operator may fix the file without reloading the bot.
            _sets.Remove(bot);
            throw;
        }
    }

    private SynonymSet Load(BotDefinition bot)
    {
        var settings = bot.GetSettings<TextBotSettings>(TextBotSettings.Section);
        if (settings.Synonyms.Count == 0)
        {
            return SynonymSet.Empty;
        }

        var groups = new List<IReadOnlyList<string[]>>();
        foreach (var file in settings.Synonyms)
        {
            var path = bot.ResolvePath(file);
            try
            {
                using var reader = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
                groups.Add(SynonymSet.ReadGroups(reader, _analyzer));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new BotDefinitionException(bot.SourcePath, $"section '{TextBotSettings.Section}': synonym file {path} cannot be read: {e.Message}", e);
            }
        }

        return SynonymSet.Merge(groups);
    }
}
