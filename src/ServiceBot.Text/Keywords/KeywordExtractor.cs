using ServiceBot.Abstractions.Text;
using ServiceBot.Text.Analysis;
using ServiceBot.Text.Segmentation;

namespace ServiceBot.Text.Keywords;

/// <summary>
/// TF-IDF keyword extraction with jieba's IDF table (<c>jieba.analyse.extract_tags</c>): words of two
/// or more characters that are not stop words, weighted by count × IDF / number of counted words,
/// unknown words getting the median IDF; ties keep the order of first occurrence.
/// </summary>
/// <remarks>
/// Thread-safe. The IDF table (270k words) is read on first use. The default stop words are the
/// project's Chinese and English lists; <see cref="WithStopWords"/> gives an extractor with others.
/// </remarks>
public sealed class KeywordExtractor
{
    private readonly JiebaSegmenter _segmenter;
    private readonly Lazy<IdfTable> _idf;
    private readonly StopWords _stopWords;

    internal KeywordExtractor(JiebaSegmenter segmenter, Lazy<IdfTable> idf, StopWords stopWords)
    {
        _segmenter = segmenter;
        _idf = idf;
        _stopWords = stopWords;
    }

    /// <summary>The IDF of unknown words.</summary>
    /// <exception cref="TextDataNotFoundException">The IDF table is not installed.</exception>
    public double MedianIdf => _idf.Value.Median;

    /// <summary>The IDF of <paramref name="word"/>, or <see cref="MedianIdf"/> when the table does not list it.</summary>
    /// <exception cref="TextDataNotFoundException">The IDF table is not installed.</exception>
    public double GetIdf(string word) => _idf.Value.Get(word);

    /// <summary>An extractor with the same IDF table and these stop words instead (compared lower-cased, like jieba).</summary>
    public KeywordExtractor WithStopWords(IEnumerable<string> stopWords) =>
        new(_segmenter, _idf, new StopWords(stopWords.Select(w => w.ToLowerInvariant())));

    /// <summary>The top keywords of raw text, segmented in jieba's default mode with the HMM.</summary>
    /// <param name="text">Any text; null or empty gives no keywords.</param>
    /// <param name="top">How many to return; 0 or less returns all.</param>
    /// <exception cref="TextDataNotFoundException">The IDF table is not installed.</exception>
    public IReadOnlyList<Keyword> Extract(string? text, int top = 20)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        var order = new List<string>();
        var spans = new SpanCollector(text.Length);
        try
        {
            _segmenter.Run(text, SegmentMode.Default, hmm: true, folded: false, ref spans);
            for (var i = 0; i < spans.Count; i++)
            {
                var (start, length) = spans[i];
                var word = text.AsSpan(start, length);
                if (CodePointCount(word.Trim()) < 2 || IsStopWord(word))
                {
                    continue;
                }

                Count(word.ToString(), counts, order);
            }
        }
        finally
        {
            spans.Dispose();
        }

        return Rank(counts, order, static w => w, top);
    }

    /// <summary>
    /// The top keywords of an analyzed utterance, without segmenting again: its content tokens of two or
    /// more characters, reported by index term, weighted with the IDF of their normalized text.
    /// </summary>
    /// <exception cref="TextDataNotFoundException">The IDF table is not installed.</exception>
    public IReadOnlyList<Keyword> Extract(AnalyzedUtterance utterance, int top = 20)
    {
        ArgumentNullException.ThrowIfNull(utterance);
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        var order = new List<string>();
        var surface = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var token in utterance.Tokens)
        {
            if (!token.IsContent || token.Text.Length < 2)
            {
                continue;
            }

            surface.TryAdd(token.Term, token.Text);
            Count(token.Term, counts, order);
        }

        return Rank(counts, order, term => surface[term], top);
    }

    private bool IsStopWord(ReadOnlySpan<char> word)
    {
        Span<char> lower = word.Length <= 64 ? stackalloc char[word.Length] : new char[word.Length];
        word.ToLowerInvariant(lower);
        return _stopWords.Contains(lower);
    }

    /// <summary>Python's len(): surrogate pairs count once.</summary>
    private static int CodePointCount(ReadOnlySpan<char> text)
    {
        var count = text.Length;
        foreach (var c in text)
        {
            if (char.IsLowSurrogate(c))
            {
                count--;
            }
        }

        return count;
    }

    private static void Count(string word, Dictionary<string, double> counts, List<string> order)
    {
        if (counts.TryGetValue(word, out var count))
        {
            counts[word] = count + 1;
        }
        else
        {
            counts[word] = 1;
            order.Add(word);
        }
    }

    private List<Keyword> Rank(Dictionary<string, double> counts, List<string> order, Func<string, string> idfKey, int top)
    {
        if (order.Count == 0)
        {
            return [];
        }

        var idf = _idf.Value;
        var total = 0.0;
        foreach (var word in order)
        {
            total += counts[word];
        }

        var keywords = new List<Keyword>(order.Count);
        foreach (var word in order)
        {
            // freq[k] *= idf / total, in jieba's order of operations.
            keywords.Add(new Keyword(word, counts[word] * (idf.Get(idfKey(word)) / total)));
        }

        // OrderByDescending is stable: equal weights keep their first-occurrence order, as Python's sort does.
        var ranked = keywords.OrderByDescending(k => k.Weight);
        return [.. top > 0 ? ranked.Take(top) : ranked];
    }
}
