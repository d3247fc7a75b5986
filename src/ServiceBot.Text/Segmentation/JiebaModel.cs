using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace ServiceBot.Text.Segmentation;

/// <summary>
/// The immutable part of jieba: the prefix dictionary built from <c>dict.txt</c> and the HMM tables.
/// Loaded once per process and per set of files (from the binary cache when it is current) and
/// shared by every segmenter; user words live in each segmenter, not here.
/// </summary>
internal sealed class JiebaModel
{
    private static readonly ConcurrentDictionary<string, Lazy<JiebaModel>> Loaded = new(StringComparer.Ordinal);

    public JiebaModel(PrefixDictionary dictionary, HmmModel hmm, JiebaDataFiles files)
    {
        Dictionary = dictionary;
        Hmm = hmm;
        Files = files;
    }

    public PrefixDictionary Dictionary { get; }

    public HmmModel Hmm { get; }

    public JiebaDataFiles Files { get; }

    /// <summary>How long loading took, and whether it came from the binary cache.</summary>
    public TimeSpan LoadTime { get; private set; }

    public bool LoadedFromCache { get; private set; }

    /// <summary>The model for these files, loading it on first use; concurrent callers share one load.</summary>
    public static JiebaModel GetOrLoad(JiebaDataFiles files, string? cacheDirectory, ILogger? logger)
    {
        var key = string.Join('|', files.SegmentationFiles.Select(Path.GetFullPath)) + "|" + cacheDirectory;
        var lazy = Loaded.GetOrAdd(key, _ => new Lazy<JiebaModel>(() => Load(files, cacheDirectory, logger), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch (Exception)
        {
            // A failed load (missing or malformed file) is retried by the next caller rather than cached.
            Loaded.TryRemove(new KeyValuePair<string, Lazy<JiebaModel>>(key, lazy));
            throw;
        }
    }

    /// <summary>Loads the model from the binary cache when it matches the files, else from the files (refreshing the cache).</summary>
    public static JiebaModel Load(JiebaDataFiles files, string? cacheDirectory, ILogger? logger)
    {
        var clock = Stopwatch.StartNew();
        var cache = cacheDirectory is null ? null : new JiebaModelCache(cacheDirectory, files);
        var model = cache?.TryRead(logger);
        var fromCache = model is not null;
        if (model is null)
        {
            model = LoadFromFiles(files);
            cache?.TryWrite(model, logger);
        }

        model.LoadTime = clock.Elapsed;
        model.LoadedFromCache = fromCache;
        logger?.LogDebug("Loaded jieba's dictionary ({Words} words, {Units} trie cells) from {Source} in {Milliseconds:F0} ms",
            model.Dictionary.WordCount, model.Dictionary.UnitCount, fromCache ? "the binary cache" : files.DictionaryFile, clock.Elapsed.TotalMilliseconds);
        return model;
    }

    public static JiebaModel LoadFromFiles(JiebaDataFiles files)
    {
        var (words, total) = ReadDictionary(files.DictionaryFile);
        var dictionary = PrefixDictionary.Build(words, total);
        var hmm = HmmModel.Load(files.HmmStartFile, files.HmmTransFile, files.HmmEmitFile);
        return new JiebaModel(dictionary, hmm, files);
    }

    /// <summary>
    /// Reads <c>dict.txt</c> as <c>gen_pfdict</c> does: "word freq [tag]" per line, a later duplicate
    /// replaces the frequency of an earlier one while the total counts both.
    /// </summary>
    /// <exception cref="InvalidDataException">A line has no integer frequency; the message names the file and line.</exception>
    public static (Dictionary<string, long> Words, long Total) ReadDictionary(string path)
    {
        var text = File.ReadAllText(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true));
        var words = new Dictionary<string, long>(400_000, StringComparer.Ordinal);
        long total = 0;
        var lineNumber = 0;
        foreach (var rawLine in text.AsSpan().EnumerateLines())
        {
            lineNumber++;
            var line = rawLine.Trim(" \t\r\n\v\f\uFEFF");
            if (line.IsEmpty)
            {
                continue;
            }

            var space = line.IndexOf(' ');
            if (space <= 0)
            {
                throw new InvalidDataException($"invalid dictionary entry in {path} at line {lineNumber}: {line}");
            }

            var rest = line[(space + 1)..];
            var end = rest.IndexOf(' ');
            var freqText = end < 0 ? rest : rest[..end];
            if (!long.TryParse(freqText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var freq) || freq < 0)
            {
                throw new InvalidDataException($"invalid dictionary entry in {path} at line {lineNumber}: {line}");
            }

            words[line[..space].ToString()] = freq;
            total += freq;
        }

        return (words, total);
    }
}
