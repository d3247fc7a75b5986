using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServiceBot.Abstractions.Text;
using ServiceBot.KbBot.Index;
using ServiceBot.KbBot.Settings;

namespace ServiceBot.KbBot.Embedding;

/// <summary>
/// The default embedder: needs no download and no server. Trains on the KB's own paraphrase clusters at
/// load (see <see cref="LocalEncoderTrainer"/>) and keeps the model in the bot's data folder, keyed by the
/// KB's questions and the settings, so a restart with an unchanged KB loads instead of training.
/// </summary>
/// <remarks>Thread-safe; each build works on its own data. A corrupt model file is logged, ignored and replaced.</remarks>
internal sealed partial class LocalKbEncoderFactory : IKbEncoderFactory
{
    private const string Folder = "kb-embedder";

    private readonly ITextAnalyzer _analyzer;
    private readonly ILogger _logger;
    private readonly bool _disabled;

    public LocalKbEncoderFactory(ITextAnalyzer analyzer, IOptions<KbBotOptions> options, ILogger<LocalKbEncoderFactory> logger)
        : this(analyzer, logger, string.Equals(options.Value.Embedder, "none", StringComparison.OrdinalIgnoreCase))
    {
    }

    internal LocalKbEncoderFactory(ITextAnalyzer analyzer, ILogger logger, bool disabled = false)
    {
        _analyzer = analyzer;
        _logger = logger;
        _disabled = disabled;
    }

    /// <summary>The last build's training, for tests and the evaluation (null when the model was loaded from disk).</summary>
    public LocalTrainingReport? LastTraining { get; private set; }

    public ValueTask<(IQueryEncoder Encoder, float[][] RowVectors)> BuildAsync(string botId, IReadOnlyList<KbRow> rows, CancellationToken cancellationToken) =>
        BuildAsync(new KbEncoderRequest(botId, rows, new EmbedderSettings(), null), cancellationToken);

    public ValueTask<(IQueryEncoder Encoder, float[][] RowVectors)> BuildAsync(KbEncoderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_disabled)
        {
            throw new KbEncoderUnavailableException("the embedder is off (ServiceBot:KbBot:Embedder is none)");
        }

        var settings = request.Settings;
        var featurizer = new LocalFeaturizer(settings);
        string? modelPath = null;
        LocalKbEncoder? encoder = null;
        if (request.CacheDirectory is not null)
        {
            var directory = Path.Combine(request.CacheDirectory, Folder);
            Directory.CreateDirectory(directory);
            modelPath = Path.Combine(directory, LocalEncoderFile.Key(request.Rows, settings, _analyzer) + ".model");
            encoder = TryLoad(request.BotId, modelPath, featurizer, settings.Dimensions);
        }

        if (encoder is null)
        {
            var (trained, report) = LocalEncoderTrainer.Train(_analyzer, request.Rows, settings, cancellationToken);
            LastTraining = report;
            encoder = trained;
            if (report.Trained)
            {
                LogTrained(_logger, request.BotId, request.Rows.Count, report.Entries, report.Steps, report.FirstLoss, report.LastLoss, report.ElapsedMs);
            }
            else
            {
                LogUntrained(_logger, request.BotId, report.Entries, settings.MinTrainingEntries);
            }

            if (modelPath is not null)
            {
                try
                {
                    LocalEncoderFile.Save(modelPath, encoder);
                }
                catch (IOException e)
                {
                    LogSaveFailed(_logger, e, request.BotId, modelPath);
                }
                catch (UnauthorizedAccessException e)
                {
                    LogSaveFailed(_logger, e, request.BotId, modelPath);
                }
            }
        }
        else
        {
            LastTraining = null;
            LogLoaded(_logger, request.BotId, modelPath!);
        }

        encoder.IndexPath = modelPath is null ? null : Path.ChangeExtension(modelPath, ".hnsw");
        var vectors = LocalEncoderTrainer.EncodeRows(encoder, _analyzer, request.Rows);
        return ValueTask.FromResult<(IQueryEncoder, float[][])>((encoder, vectors));
    }

    private LocalKbEncoder? TryLoad(string botId, string path, LocalFeaturizer featurizer, int dimensions)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return LocalEncoderFile.Load(path, _analyzer, featurizer, dimensions);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            LogCorrupt(_logger, e, botId, path);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bot '{BotId}': local embedder trained on {Rows} questions ({Entries} entries with paraphrases, {Steps} steps, loss {FirstLoss:0.000} → {LastLoss:0.000}) in {ElapsedMs:0} ms.")]
    private static partial void LogTrained(ILogger logger, string botId, int rows, int entries, int steps, double firstLoss, double lastLoss, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bot '{BotId}': only {Entries} entries have two or more questions (training needs {Needed}); vector recall uses the untrained random projection of the TF-IDF features.")]
    private static partial void LogUntrained(ILogger logger, string botId, int entries, int needed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bot '{BotId}': local embedder loaded from {Path} (KB unchanged).")]
    private static partial void LogLoaded(ILogger logger, string botId, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bot '{BotId}': the local embedder file {Path} is unreadable; it is ignored and retrained.")]
    private static partial void LogCorrupt(ILogger logger, Exception exception, string botId, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bot '{BotId}': could not save the local embedder to {Path}; it is retrained at the next start.")]
    private static partial void LogSaveFailed(ILogger logger, Exception exception, string botId, string path);
}
