using Microsoft.Extensions.Logging;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Text.Segmentation;
using ServiceBot.Text.Synonyms;

namespace ServiceBot.Text;

/// <summary>
/// Prepares a bot's text data when it loads: adds the words of its user dictionaries to the segmenter
/// (each file once per content version, so a reload does not count the words twice) and reads its
/// synonym files, so that a bad file stops the bot from loading with an error naming the file.
/// </summary>
internal sealed partial class TextBotInitializer : IBotInitializer
{
    private readonly JiebaSegmenter _segmenter;
    private readonly BotSynonymExpander _synonyms;
    private readonly ILogger<TextBotInitializer> _logger;
    private readonly HashSet<string> _loadedFiles = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public TextBotInitializer(JiebaSegmenter segmenter, BotSynonymExpander synonyms, ILogger<TextBotInitializer> logger)
    {
        _segmenter = segmenter;
        _synonyms = synonyms;
        _logger = logger;
    }

    public string Name => "text";

    public ValueTask InitializeAsync(BotDefinition bot, CancellationToken cancellationToken)
    {
        var settings = bot.GetSettings<TextBotSettings>(TextBotSettings.Section);
        foreach (var file in settings.UserDictionaries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            LoadUserDictionary(bot, bot.ResolvePath(file));
        }

        var set = _synonyms.GetSet(bot);
        LogPrepared(_logger, bot.Id, settings.UserDictionaries.Count, set.GroupCount);
        return ValueTask.CompletedTask;
    }

    private void LoadUserDictionary(BotDefinition bot, string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new BotDefinitionException(bot.SourcePath, $"section '{TextBotSettings.Section}': user dictionary {path} does not exist.");
        }

        var version = $"{info.FullName}|{info.Length}|{info.LastWriteTimeUtc.Ticks}";
        lock (_gate)
        {
            if (_loadedFiles.Contains(version))
            {
                return;
            }

            try
            {
                var words = _segmenter.LoadUserDictionary(path);
                LogUserDictionary(_logger, path, words);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                throw new BotDefinitionException(bot.SourcePath, $"section '{TextBotSettings.Section}': user dictionary {path}: {e.Message}", e);
            }

            _loadedFiles.Add(version);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Text data of bot {BotId} ready: {UserDictionaries} user dictionaries, {SynonymGroups} synonym groups")]
    private static partial void LogPrepared(ILogger logger, string botId, int userDictionaries, int synonymGroups);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Added {Words} user words from {Path}")]
    private static partial void LogUserDictionary(ILogger logger, string path, int words);
}
