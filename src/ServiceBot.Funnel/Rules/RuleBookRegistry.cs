using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.Nlu;

namespace ServiceBot.Funnel.Rules;

/// <summary>
/// Each bot's compiled <see cref="RuleBook"/>, reloaded when the rules file changes on disk (checked
/// at most every <see cref="FunnelOptions.ReloadCheckSeconds"/>). A reload that fails keeps the
/// previous book and logs the error; the new book replaces the old one atomically. Thread-safe.
/// </summary>
/// <remarks>
/// Compiling includes checking the intents the rules name against the bot's
/// <see cref="IIntentRecognizer"/>, so an unknown intent fails the load (or the reload) at its line.
/// Without a recognizer (TaskBot not installed) intent triggers cannot fire; each compile of a book
/// that has them says so in a warning, and the other triggers work as usual.
/// </remarks>
internal sealed partial class RuleBookRegistry(
    FunnelSettingsCache settings,
    TimeProvider time,
    IOptions<FunnelOptions> options,
    ILogger<RuleBookRegistry> logger,
    IIntentRecognizer? recognizer = null)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeSpan _checkEvery = TimeSpan.FromSeconds(options.Value.ReloadCheckSeconds);

    /// <summary>Compiles the bot's rules now; a broken file throws <see cref="BotDefinitionException"/>.</summary>
    public async ValueTask<RuleBook> LoadAsync(BotDefinition bot, CancellationToken cancellationToken)
    {
        var entry = await CompileAsync(bot, cancellationToken).ConfigureAwait(false);
        _entries[bot.Id] = entry;
        return entry.Book;
    }

    /// <summary>The bot's current book; completes synchronously unless the rules file changed since the last check.</summary>
    public ValueTask<RuleBook> GetAsync(BotDefinition bot, CancellationToken cancellationToken)
    {
        if (!_entries.TryGetValue(bot.Id, out var entry))
        {
            return LoadAsync(bot, cancellationToken);
        }

        var now = time.GetUtcNow();
        if (ReferenceEquals(entry.Bot, bot) && now < entry.NextCheck)
        {
            return ValueTask.FromResult(entry.Book);
        }

        var path = PathOf(bot);
        var stamp = StampOf(path);
        if (ReferenceEquals(entry.Bot, bot) && path == entry.Path && stamp == entry.Stamp)
        {
            entry.NextCheck = now + _checkEvery;
            return ValueTask.FromResult(entry.Book);
        }

        return ReloadAsync(bot, entry, path, stamp, now, cancellationToken);
    }

    private async ValueTask<RuleBook> ReloadAsync(BotDefinition bot, Entry entry, string? path, DateTime stamp, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            var fresh = await CompileAsync(bot, cancellationToken).ConfigureAwait(false);
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

    private async ValueTask<Entry> CompileAsync(BotDefinition bot, CancellationToken cancellationToken)
    {
        var path = PathOf(bot);
        var stamp = StampOf(path);
        var book = path is null ? RuleBook.Empty : RuleBook.Load(path);
        await CheckIntentsAsync(bot, book, cancellationToken).ConfigureAwait(false);
        return new Entry(bot, path, stamp, book) { NextCheck = time.GetUtcNow() + _checkEvery };
    }

    private async ValueTask CheckIntentsAsync(BotDefinition bot, RuleBook book, CancellationToken cancellationToken)
    {
        if (!book.HasIntentRules)
        {
            return;
        }

        if (recognizer is null)
        {
            LogNoRecognizer(logger, bot.Id, book.Intents.Select(r => r.RuleId).Distinct(StringComparer.Ordinal).Count());
            return;
        }

        var known = await recognizer.GetIntentsAsync(bot, cancellationToken).ConfigureAwait(false);
        foreach (var reference in book.Intents)
        {
            if (known is null)
            {
                throw new BotDefinitionException(book.File, reference.Line, $"rule '{reference.RuleId}': intent '{reference.Intent}' cannot be recognized: bot '{bot.Id}' has no intent classifier (it needs at least two dialogs with examples).");
            }

            if (!known.Contains(reference.Intent))
            {
                throw new BotDefinitionException(book.File, reference.Line, $"rule '{reference.RuleId}': intent '{reference.Intent}' is not an intent of bot '{bot.Id}' (its intents: {string.Join(", ", known.Order(StringComparer.Ordinal))}).");
            }
        }
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rules of bot '{BotId}': {Rules} rule(s) trigger by intent, but no intent recognizer is registered (TaskBot is not installed); those triggers never fire.")]
    private static partial void LogNoRecognizer(ILogger logger, string botId, int rules);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rules of bot '{BotId}' reloaded: {Count} rules.")]
    private static partial void LogReloaded(ILogger logger, string botId, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rules of bot '{BotId}' changed but cannot be loaded; the previous rules stay active.")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception, string botId);

    private sealed record Entry(BotDefinition Bot, string? Path, DateTime Stamp, RuleBook Book)
    {
        public DateTimeOffset NextCheck { get; set; }
    }
}
