using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.Knowledge;
using ServiceBot.Abstractions.Text;
using ServiceBot.KbBot.Documents;
using ServiceBot.KbBot.Formats;
using ServiceBot.KbBot.Settings;

namespace ServiceBot.KbBot.Index;

/// <summary>
/// Keeps each bot's snapshot current: loads the FAQ from the knowledge store (seeding an empty store
/// from the bot's files), builds the snapshot, and rebuilds it when the KB changes on any replica.
/// </summary>
/// <remarks>
/// Thread-safe. Rebuilds of one bot run one at a time; turns keep using the old snapshot until the new
/// one is published with a single reference swap, so an edit is either fully visible or not at all.
/// </remarks>
internal sealed partial class KbService : IDisposable
{
    private readonly KbRegistry _registry;
    private readonly ITextAnalyzer _analyzer;
    private readonly IKnowledgeStore? _store;
    private readonly IDocumentStore? _documents;
    private readonly IKnowledgeChangeNotifier? _notifier;
    private readonly IKbEncoderFactory? _encoders;
    private readonly KbBotOptions _options;
    private readonly ILogger<KbService> _logger;
    private readonly ConcurrentDictionary<string, BotDefinition> _bots = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Func<string, IReadOnlyList<string>>?> _synonyms = new(StringComparer.OrdinalIgnoreCase);
    private readonly IDisposable? _subscription;

    public KbService(KbRegistry registry, ITextAnalyzer analyzer, IOptions<KbBotOptions> options, ILogger<KbService> logger, IEnumerable<IKnowledgeStore> stores, IEnumerable<IKnowledgeChangeNotifier> notifiers, IEnumerable<IKbEncoderFactory> encoders, IEnumerable<ISynonymSource> synonymSources, IEnumerable<IDocumentStore>? documentStores = null)
    {
        _documents = documentStores?.LastOrDefault();
        _registry = registry;
        _analyzer = analyzer;
        _options = options.Value;
        _logger = logger;
        _store = stores.LastOrDefault();
        _notifier = notifiers.LastOrDefault();
        _encoders = encoders.LastOrDefault();
        SynonymSource = synonymSources.LastOrDefault();
        _subscription = _notifier?.Subscribe(OnChangeAsync);
    }

    /// <summary>Where query expansion gets a bot's synonyms, when the text analysis offers them.</summary>
    public ISynonymSource? SynonymSource { get; }

    public Func<string, IReadOnlyList<string>>? SynonymsFor(string botId) => _synonyms.GetValueOrDefault(botId);

    /// <summary>Loads a bot's KB and publishes its first snapshot.</summary>
    /// <exception cref="BotDefinitionException">The <c>kb</c>/<c>knowledge</c> sections or the FAQ seed files are invalid.</exception>
    public async ValueTask LoadAsync(BotDefinition bot, CancellationToken cancellationToken)
    {
        var settings = ReadSettings(bot);
        var chunking = ReadChunking(bot);
        _bots[bot.Id] = bot;
        _synonyms[bot.Id] = SynonymSource?.For(bot);
        var knowledge = bot.GetSettings<KnowledgeSettings>(KnowledgeSettings.Section);
        IReadOnlyList<FaqEntry> entries;
        long revision;
        if (_store is null)
        {
            entries = await ReadSeedFilesAsync(bot, knowledge, cancellationToken).ConfigureAwait(false);
            revision = 1;
        }
        else
        {
            entries = await _store.ListFaqsAsync(bot.Id, cancellationToken).ConfigureAwait(false);
            if (entries.Count == 0 && _options.SeedFromFiles && knowledge.Faq.Count > 0)
            {
                var seed = await ReadSeedFilesAsync(bot, knowledge, cancellationToken).ConfigureAwait(false);
                var summary = await _store.ImportFaqsAsync(bot.Id, seed, KnowledgeImportMode.Merge, cancellationToken).ConfigureAwait(false);
                LogSeeded(_logger, bot.Id, summary.Added);
                entries = await _store.ListFaqsAsync(bot.Id, cancellationToken).ConfigureAwait(false);
            }

            revision = await _store.GetRevisionAsync(bot.Id, cancellationToken).ConfigureAwait(false);
        }

        var documents = await LoadDocumentsAsync(bot, knowledge, cancellationToken).ConfigureAwait(false);
        if (_store is not null && _documents is not null)
        {
            revision = await _store.GetRevisionAsync(bot.Id, cancellationToken).ConfigureAwait(false);
        }

        await BuildAndPublishAsync(bot, settings, entries, Chunk(documents, chunking), revision, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Rebuilds a loaded bot's snapshot from the store when its revision moved; true when a new snapshot was published.</summary>
    public async ValueTask<bool> RefreshAsync(string botId, CancellationToken cancellationToken)
    {
        if (_store is null || !_bots.TryGetValue(botId, out var bot))
        {
            return false;
        }

        var gate = _gates.GetOrAdd(botId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var revision = await _store.GetRevisionAsync(botId, cancellationToken).ConfigureAwait(false);
            if (_registry.Get(botId) is { } current && current.Revision >= revision)
            {
                return false;
            }

            var entries = await _store.ListFaqsAsync(botId, cancellationToken).ConfigureAwait(false);
            var documents = _documents is null ? [] : await _documents.ListDocumentsAsync(botId, cancellationToken).ConfigureAwait(false);
            await BuildAndPublishAsync(bot, ReadSettings(bot), entries, Chunk(documents, ReadChunking(bot)), revision, cancellationToken).ConfigureAwait(false);
            return true;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        foreach (var gate in _gates.Values)
        {
            gate.Dispose();
        }
    }

    internal static KbSettings ReadSettings(BotDefinition bot)
    {
        var settings = bot.GetSettings<KbSettings>(KbSettings.Section);
        var problems = settings.Validate().ToList();
        if (problems.Count > 0)
        {
            throw new BotDefinitionException(bot.SourcePath, string.Join(" ", problems));
        }

        return settings;
    }

    internal static ChunkingSettings ReadChunking(BotDefinition bot)
    {
        var chunking = bot.GetSettings<KnowledgeSettings>(KnowledgeSettings.Section).Chunking;
        var problems = chunking.Validate().ToList();
        if (problems.Count > 0)
        {
            throw new BotDefinitionException(bot.SourcePath, string.Join(" ", problems));
        }

        return chunking;
    }

    private static List<DocumentChunk> Chunk(IReadOnlyList<KnowledgeDocument> documents, ChunkingSettings chunking) =>
        [.. documents.SelectMany(d => ChunkSplitter.Split(d, chunking))];

    // Documents come from the store when there is one; an empty store is seeded from knowledge.documents, as the FAQ is.
    private async ValueTask<IReadOnlyList<KnowledgeDocument>> LoadDocumentsAsync(BotDefinition bot, KnowledgeSettings knowledge, CancellationToken cancellationToken)
    {
        if (_store is null || _documents is null)
        {
            return await ReadDocumentFilesAsync(bot, knowledge, cancellationToken).ConfigureAwait(false);
        }

        var documents = await _documents.ListDocumentsAsync(bot.Id, cancellationToken).ConfigureAwait(false);
        if (documents.Count == 0 && _options.SeedFromFiles && knowledge.Documents.Count > 0)
        {
            var seed = await ReadDocumentFilesAsync(bot, knowledge, cancellationToken).ConfigureAwait(false);
            var summary = await _documents.ImportDocumentsAsync(bot.Id, seed, KnowledgeImportMode.Merge, cancellationToken).ConfigureAwait(false);
            LogSeededDocuments(_logger, bot.Id, summary.Added);
            documents = await _documents.ListDocumentsAsync(bot.Id, cancellationToken).ConfigureAwait(false);
        }

        return documents;
    }

    private async ValueTask<IReadOnlyList<KnowledgeDocument>> ReadDocumentFilesAsync(BotDefinition bot, KnowledgeSettings knowledge, CancellationToken cancellationToken)
    {
        if (knowledge.Documents.Count == 0)
        {
            return [];
        }

        var result = await DocumentFiles.ReadAllAsync(knowledge.Documents.Select(bot.ResolvePath), _options.MaxDocumentBytes, cancellationToken).ConfigureAwait(false);
        if (result.HasErrors)
        {
            throw new BotDefinitionException(result.Errors[0].FilePath, $"{result.Errors.Count} document(s) of knowledge.documents cannot be read: {string.Join("; ", result.Errors.Take(5).Select(e => e.Message))}");
        }

        return result.Documents;
    }

    private async ValueTask<IReadOnlyList<FaqEntry>> ReadSeedFilesAsync(BotDefinition bot, KnowledgeSettings knowledge, CancellationToken cancellationToken)
    {
        var all = new List<FaqEntry>();
        foreach (var file in knowledge.Faq)
        {
            var path = bot.ResolvePath(file);
            var result = await FaqFiles.ReadAsync(path, new FaqReadOptions { MaxBytes = _options.MaxImportBytes, Normalize = s => _analyzer.Analyze(s).Normalized }, cancellationToken).ConfigureAwait(false);
            if (result.HasErrors)
            {
                var errors = result.Issues.Where(i => i.Severity == FaqIssueSeverity.Error).Take(5).Select(i => i.ToString());
                throw new BotDefinitionException(path, $"the FAQ file has {result.ErrorCount} error(s): {string.Join("; ", errors)}");
            }

            all.AddRange(result.Entries);
        }

        return all;
    }

    private async ValueTask BuildAndPublishAsync(BotDefinition bot, KbSettings settings, IReadOnlyList<FaqEntry> entries, IReadOnlyList<DocumentChunk> chunks, long revision, CancellationToken cancellationToken)
    {
        var builder = new KbIndexBuilder(_analyzer, _encoders, _logger) { Synonyms = _synonyms.GetValueOrDefault(bot.Id), Chunks = chunks, CacheDirectory = bot.DataDirectory };
        var snapshot = await builder.BuildAsync(bot.Id, revision, entries, settings, cancellationToken).ConfigureAwait(false);
        if (_registry.Publish(snapshot))
        {
            LogPublished(_logger, bot.Id, revision, snapshot.Entries.Count, snapshot.Rows.Count, snapshot.Vectors is not null);
            LogPassages(_logger, bot.Id, snapshot.Passages.Passages.Count - snapshot.Passages.ChunkCount, snapshot.Passages.ChunkCount);
        }
    }

    private async ValueTask OnChangeAsync(KnowledgeChange change, CancellationToken cancellationToken)
    {
        try
        {
            await RefreshAsync(change.BotId, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A failed rebuild keeps the current snapshot; the periodic revision check retries.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogRefreshFailed(_logger, e, change.BotId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bot '{BotId}': seeded the empty knowledge store with {Count} FAQ entries from its files.")]
    private static partial void LogSeeded(ILogger logger, string botId, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bot '{BotId}': KB revision {Revision} live ({Entries} entries, {Rows} questions, vectors: {Vectors}).")]
    private static partial void LogPublished(ILogger logger, string botId, long revision, int entries, int rows, bool vectors);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bot '{BotId}': seeded the knowledge store with {Count} documents from its files.")]
    private static partial void LogSeededDocuments(ILogger logger, string botId, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bot '{BotId}': QA recall over {Answers} answers and {Chunks} document chunks.")]
    private static partial void LogPassages(ILogger logger, string botId, int answers, int chunks);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bot '{BotId}': rebuilding the KB indexes failed; the previous snapshot stays live.")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, string botId);
}
