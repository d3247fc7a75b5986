using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ServiceBot.Abstractions.Text;
using ServiceBot.Text.Analysis;
using ServiceBot.Text.Keywords;
using ServiceBot.Text.Normalization;
using ServiceBot.Text.Segmentation;

namespace ServiceBot.Text;

/// <summary>
/// The text analysis services, built together: the analyzer every layer shares, the character folder,
/// the normalizer, the jieba segmenter (with its user dictionary) and the keyword extractor.
/// In the server they come from dependency injection (<see cref="TextServiceCollectionExtensions.AddServiceBotText"/>);
/// tests, tools and benchmarks use <see cref="CreateDefault"/>.
/// </summary>
/// <remarks>
/// Thread-safe. The jieba dictionary is loaded once per process and set of files (from a binary cache
/// when it is current) and shared by all instances; user words belong to each instance's segmenter.
/// </remarks>
public sealed class TextAnalysis : IDisposable
{
    private static readonly Lazy<TextAnalysis> Default = new(() => Create(new TextOptions()), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly OpenCcConverter? _converter;

    private TextAnalysis(TextOptions options, ILoggerFactory loggerFactory)
    {
        var logger = loggerFactory.CreateLogger<TextAnalysis>();
        var files = JiebaDataLocator.Locate(options);
        Model = JiebaModel.GetOrLoad(files, options.ResolveCacheDirectory(), logger);
        _converter = options.TraditionalToSimplified ? OpenCcConverter.Open(options.OpenCcConfig) : null;
        var table = FoldTables.Get(_converter);
        CharFolder = table;
        Normalizer = new TextNormalizer(table, _converter);
        Segmenter = new JiebaSegmenter(Model, table.FoldString);
        foreach (var file in options.UserDictionaries)
        {
            Segmenter.LoadUserDictionary(file);
        }

        var interner = new TermInterner(options.InternCapacity);
        Analyzer = new TextAnalyzer(Normalizer, Segmenter, interner, loggerFactory.CreateLogger<TextAnalyzer>());
        var idf = new Lazy<IdfTable>(() => IdfTable.Load(files.IdfFile), LazyThreadSafetyMode.ExecutionAndPublication);
        Keywords = new KeywordExtractor(Segmenter, idf, new StopWords(StopWords.Chinese.Words.Concat(StopWords.English.Words)));
    }

    /// <summary>Normalizes and segments utterances; shared by every layer of a turn.</summary>
    public ITextAnalyzer Analyzer { get; }

    /// <summary>Folds single characters (width, compatibility forms, case, traditional to simplified) in O(1).</summary>
    public ICharFolder CharFolder { get; }

    /// <summary>Normalizes text with an offset map back to the original.</summary>
    public TextNormalizer Normalizer { get; }

    /// <summary>jieba segmentation (default, full, search modes) and the run-time user dictionary.</summary>
    public JiebaSegmenter Segmenter { get; }

    /// <summary>TF-IDF keywords with jieba's IDF table.</summary>
    public KeywordExtractor Keywords { get; }

    internal JiebaModel Model { get; }

    /// <summary>
    /// The process-wide instance with default options: the dictionary found automatically, the binary
    /// cache in the user's cache folder, OpenCC for traditional Chinese. Created on first use; thread-safe.
    /// </summary>
    /// <exception cref="TextDataNotFoundException">jieba's data or OpenCC is not installed; the message says how to install it.</exception>
    public static TextAnalysis CreateDefault() => Default.Value;

    /// <summary>A new instance with its own user dictionary, sharing the loaded jieba model with other instances.</summary>
    /// <exception cref="TextDataNotFoundException">jieba's data or OpenCC is not installed; the message says how to install it.</exception>
    /// <exception cref="FileNotFoundException">A configured user dictionary does not exist.</exception>
    /// <exception cref="InvalidDataException">A data file is malformed; the message names the file and line.</exception>
    public static TextAnalysis Create(TextOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new TextAnalysis(options, loggerFactory ?? NullLoggerFactory.Instance);
    }

    /// <summary>Releases the OpenCC converter. The shared default instance is never disposed by its users.</summary>
    public void Dispose() => _converter?.Dispose();
}
