using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServiceBot.Abstractions.Bots;

namespace ServiceBot.Funnel.Rules;

/// <summary>
/// Each bot's compiled <see cref="RuleBook"/>, reloaded when the rules file changes on disk (checked
/// at most every <see cref="FunnelOptions.ReloadCheckSeconds"/>). A reload that fails keeps the
/// previous book and logs the error; the new book replaces the old one atomically. Thread-safe.
/// </summary>
internal sealed partial class RuleBookRegistry(FunnelSettingsCache settings, TimeProvider time, IOptions<FunnelOptions> options, ILogger<RuleBookRegistry> logger)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeSpan _checkEvery = TimeSpan.FromSeconds(options.Value.ReloadCheckSeconds);

    /// <summary>Compiles the bot's rules now; a broken file throws <see cref="BotDefinitionException"/>.</summary>
    public RuleBook Load(BotDefinition bot)
    {
        var entry = Compile(bot);
        _entries[bot.Id] = entry;
        return entry.Book;
    }

    public RuleBook Get(BotDefinition bot)
    {
        if (!_entries.TryGetValue(bot.Id, out var entry))
        {
            return Load(bot);
        }

        var now = time.GetUtcNow();
        if (ReferenceEquals(entry.Bot, bot) && now < entry.NextCheck)
        {
            return entry.Book;
        }

        var path = PathOf(bot);
        var stamp = StampOf(path);
        if (ReferenceEquals(entry.Bot, bot) && path == entry.Path && stamp == entry.Stamp)
        {
            entry.NextCheck = now + _checkEvery;
            return entry.Book;
        }

        try
        {
            var fresh = Compile(bot);
            _entries[bot.Id] = fresh;
            LogReloaded(logger, bot.Id, fresh.Book.Count);
            return fresh.Book;
        }
        catch (BotDefinitionException e)
        {
            LogReloadFailed(logger, e, bot.Id);

            // Remember the broken version so it is not recompiled on every turn; the old rules stay.
            _entries[bot.Id] = entry with { Bot = bot, Path = path, Stamp = stamp, NextCheck = now + _checkEvery };
            return entry.Book;
        }
    }

    private Entry Compile(BotDefinition bot)
    {
        var path = PathOf(bot);
        var stamp = StampOf(path);
        var book = path is null ? RuleBook.Empty : RuleBook.Load(path);
        return new Entry(bot, path, stamp, book) { NextCheck = time.GetUtcNow() + _checkEvery };
    }

    private string? PathOf(BotDefinition bot) => settings.For(bot).Rules is { Length: > 0 } rules ? bot.ResolvePath(rules) : null;

    private static DateTime StampOf(string? path)
    {
        if (path is null)
        {
            return default;
        }

        try
        {
            return File.GetLastWriteTimeUtc(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return default;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rules of bot '{BotId}' reloaded: {Count} rules.")]
    private static partial void LogReloaded(ILogger logger, string botId, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rules of bot '{BotId}' changed but cannot be loaded; the previous rules stay active.")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception, string botId);

    private sealed record Entry(BotDefinition Bot, string? Path, DateTime Stamp, RuleBook Book)
    {
        public DateTimeOffset NextCheck { get; set; }
    }
}
