using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServiceBot.Abstractions.Bots;
using ServiceBot.SensitiveWords.WordLists;

namespace ServiceBot.SensitiveWords.Rejection;

/// <summary>
/// Each bot's compiled <see cref="BotRejector"/>, rebuilt when one of its files changes on disk
/// (checked at most every <see cref="SensitiveWordsOptions.ReloadCheckSeconds"/>) and swapped in
/// atomically; a rebuild that fails keeps the previous rejector active and logs why. Thread-safe.
/// </summary>
internal sealed partial class RejectorRegistry(TimeProvider time, IOptions<SensitiveWordsOptions> options, ILogger<RejectorRegistry> logger)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeSpan _checkEvery = TimeSpan.FromSeconds(options.Value.ReloadCheckSeconds);
    private readonly WordListLimits _limits = new() { MaxEntries = options.Value.MaxEntries, MaxFileBytes = options.Value.MaxFileBytes };

    /// <summary>Builds the bot's rejector now; a broken file or setting throws <see cref="BotDefinitionException"/>.</summary>
    public BotRejector Load(BotDefinition bot)
    {
        var entry = Build(bot);
        _entries[bot.Id] = entry;
        LogLoaded(logger, bot.Id, entry.Rejector.Matcher.EntryCount, entry.Rejector.Matcher.Report.WarningCount);
        return entry.Rejector;
    }

    /// <summary>The bot's current rejector, built on first use (a broken definition then throws <see cref="BotDefinitionException"/>).</summary>
    public BotRejector Get(BotDefinition bot)
    {
        if (!_entries.TryGetValue(bot.Id, out var entry))
        {
            return Load(bot);
        }

        var now = time.GetUtcNow();
        if (ReferenceEquals(entry.Bot, bot) && now < entry.NextCheck)
        {
            return entry.Rejector;
        }

        var stamps = Stamps(entry.Rejector.Files);
        if (ReferenceEquals(entry.Bot, bot) && stamps.SequenceEqual(entry.Stamps))
        {
            entry.NextCheck = now + _checkEvery;
            return entry.Rejector;
        }

        try
        {
            return Load(bot);
        }
        catch (BotDefinitionException e)
        {
            LogReloadFailed(logger, e, bot.Id);
            _entries[bot.Id] = entry with { Bot = bot, Stamps = stamps, NextCheck = now + _checkEvery };
            return entry.Rejector;
        }
    }

    /// <summary>The rejector last loaded for a bot id, without checking for changes; null before the bot's first load.</summary>
    public BotRejector? Current(string botId) => _entries.TryGetValue(botId, out var entry) ? entry.Rejector : null;

    private Entry Build(BotDefinition bot)
    {
        var rejector = BotRejector.Build(bot, _limits);
        return new Entry(bot, rejector, Stamps(rejector.Files)) { NextCheck = time.GetUtcNow() + _checkEvery };
    }

    private static DateTime[] Stamps(IReadOnlyList<string> files)
    {
        var stamps = new DateTime[files.Count];
        for (var i = 0; i < files.Count; i++)
        {
            try
            {
                stamps[i] = File.GetLastWriteTimeUtc(files[i]);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stamps[i] = default;
            }
        }

        return stamps;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejector of bot '{BotId}' loaded: {Entries} words, {Warnings} list warnings.")]
    private static partial void LogLoaded(ILogger logger, string botId, int entries, int warnings);

    [LoggerMessage(Level = LogLevel.Error, Message = "Word lists of bot '{BotId}' changed but cannot be loaded; the previous lists stay active.")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception, string botId);

    private sealed record Entry(BotDefinition Bot, BotRejector Rejector, DateTime[] Stamps)
    {
        public DateTimeOffset NextCheck { get; set; }
    }
}
