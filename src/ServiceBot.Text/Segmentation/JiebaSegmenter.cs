using System.Globalization;
using System.Text;

namespace ServiceBot.Text.Segmentation;

/// <summary>
/// Chinese word segmentation with jieba's algorithm and data, giving the same words as the Python
/// reference (jieba 0.42.1) in default (with or without the HMM), full and search modes, with offsets.
/// User words can be added and removed at run time.
/// </summary>
/// <remarks>
/// Thread-safe: segmentation reads an immutable dictionary state; adding or removing words builds a new
/// state and publishes it atomically, so concurrent segmentations see either the old or the new words.
/// Any string is accepted (empty, lone surrogates, control characters, megabytes); nothing throws.
/// Offsets and lengths are in UTF-16 code units.
/// </remarks>
public sealed class JiebaSegmenter
{
    private readonly JiebaModel _model;
    private readonly Func<string, string>? _fold;
    private readonly Lock _writeLock = new();
    private volatile SegmenterState _state;

    internal JiebaSegmenter(JiebaModel model, Func<string, string>? fold)
    {
        _model = model;
        _fold = fold;
        _state = Publish(new UserWordOverlay(), model.Dictionary.Total, []);
    }

    /// <summary>Sum of all word frequencies, the denominator of word probabilities (jieba's <c>total</c>).</summary>
    public long Total => _state.Total;

    /// <summary>Number of words added at run time (removed words count, with frequency 0).</summary>
    public int UserWordCount => _state.Overlay.WordCount;

    /// <summary>Number of words in the base dictionary.</summary>
    public int DictionaryWordCount => _model.Dictionary.WordCount;

    /// <summary>The base dictionary this segmenter uses and what loading it cost.</summary>
    public DictionaryInfo Dictionary => new(
        _model.Files.DictionaryFile,
        _model.Dictionary.WordCount,
        _model.Dictionary.UnitCount,
        _model.Dictionary.MemoryBytes + ((long)HmmModel.EmissionLength * sizeof(double)),
        _model.LoadTime,
        _model.LoadedFromCache);

    internal JiebaModel Model => _model;

    internal SegmenterState State => _state;

    /// <summary>
    /// Segments <paramref name="text"/> exactly as jieba's <c>lcut</c> / <c>lcut_for_search</c> do, including
    /// the empty strings full mode yields around whitespace.
    /// </summary>
    /// <param name="text">Any text; null is treated as empty.</param>
    /// <param name="mode">Default, full or search mode.</param>
    /// <param name="hmm">Whether unknown words are recognized with the HMM (ignored in full mode, as in jieba).</param>
    public IReadOnlyList<string> Cut(string? text, SegmentMode mode = SegmentMode.Default, bool hmm = true)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var spans = new SpanCollector(text.Length) { SkipEmpty = false };
        try
        {
            Run(text, mode, hmm, folded: false, ref spans);
            var words = new string[spans.Count];
            for (var i = 0; i < words.Length; i++)
            {
                var (start, length) = spans[i];
                words[i] = spans.CompositeAt(i) ?? text.Substring(start, length);
            }

            return words;
        }
        finally
        {
            spans.Dispose();
        }
    }

    /// <summary>Segments <paramref name="text"/> into words with their offsets (jieba's <c>tokenize</c>, for every mode).</summary>
    /// <param name="text">Any text; null is treated as empty.</param>
    /// <param name="mode">Default, full or search mode; search mode reports overlapping sub-words before the word containing them.</param>
    /// <param name="hmm">Whether unknown words are recognized with the HMM (ignored in full mode).</param>
    public IReadOnlyList<WordToken> Tokenize(string? text, SegmentMode mode = SegmentMode.Default, bool hmm = true)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var spans = new SpanCollector(text.Length);
        try
        {
            Run(text, mode, hmm, folded: false, ref spans);
            var tokens = new WordToken[spans.Count];
            for (var i = 0; i < tokens.Length; i++)
            {
                var (start, length) = spans[i];
                tokens[i] = new WordToken(spans.CompositeAt(i) ?? text.Substring(start, length), start, length);
            }

            return tokens;
        }
        finally
        {
            spans.Dispose();
        }
    }

    /// <summary>
    /// Segments without allocating words: appends each word's range in <paramref name="text"/> to
    /// <paramref name="ranges"/>. For the hot paths that only need offsets (indexing, matching).
    /// </summary>
    /// <param name="text">Any text.</param>
    /// <param name="ranges">Receives one range per word, in output order.</param>
    /// <param name="mode">Default, full or search mode.</param>
    /// <param name="hmm">Whether unknown words are recognized with the HMM.</param>
    public void Segment(ReadOnlySpan<char> text, ICollection<Range> ranges, SegmentMode mode = SegmentMode.Default, bool hmm = true)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        var spans = new SpanCollector(text.Length);
        try
        {
            Run(text, mode, hmm, folded: false, ref spans);
            for (var i = 0; i < spans.Count; i++)
            {
                var (start, length) = spans[i];
                ranges.Add(new Range(start, start + length));
            }
        }
        finally
        {
            spans.Dispose();
        }
    }

    /// <summary>
    /// Adds a word, or changes its frequency and tag (jieba's <c>add_word</c>). Without a frequency the
    /// suggested one is used, which makes the word come out whole.
    /// </summary>
    /// <param name="word">The word; leading and trailing whitespace is removed. Words containing whitespace never match.</param>
    /// <param name="frequency">Its frequency; 0 removes the word (and makes the HMM split it).</param>
    /// <param name="tag">An optional part-of-speech tag, kept with the word.</param>
    /// <returns>The frequency the word now has.</returns>
    /// <exception cref="ArgumentException">The word is empty or the frequency negative.</exception>
    public long AddWord(string word, long? frequency = null, string? tag = null)
    {
        word = CheckWord(word);
        if (frequency < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(frequency), frequency, "A word frequency cannot be negative.");
        }

        lock (_writeLock)
        {
            var builder = new Builder(_state, _model.Hmm);
            var result = builder.AddWord(word, frequency, tag);
            _state = builder.Publish(this);
            return result;
        }
    }

    /// <summary>Removes a word: sets its frequency to 0 (jieba's <c>del_word</c>).</summary>
    /// <exception cref="ArgumentException">The word is empty.</exception>
    public void RemoveWord(string word) => AddWord(word, 0);

    /// <summary>
    /// The frequency that makes <paramref name="word"/> come out whole in default mode without the HMM
    /// (jieba's <c>suggest_freq(word)</c>); with <paramref name="tune"/> the word is also added with it.
    /// </summary>
    /// <exception cref="ArgumentException">The word is empty.</exception>
    public long SuggestFrequency(string word, bool tune = false)
    {
        word = CheckWord(word);
        lock (_writeLock)
        {
            var builder = new Builder(_state, _model.Hmm);
            var freq = builder.SuggestJoin(word);
            if (tune)
            {
                builder.AddWord(word, freq, null);
                _state = builder.Publish(this);
            }

            return freq;
        }
    }

    /// <summary>
    /// The frequency that makes the concatenation of <paramref name="segments"/> split into them
    /// (jieba's <c>suggest_freq(("a", "b"))</c>); with <paramref name="tune"/> it is also applied.
    /// </summary>
    /// <exception cref="ArgumentException">No segments, or an empty one.</exception>
    public long SuggestFrequency(IReadOnlyList<string> segments, bool tune = false)
    {
        ArgumentNullException.ThrowIfNull(segments);
        if (segments.Count == 0 || segments.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("Give at least one segment, none of them empty.", nameof(segments));
        }

        lock (_writeLock)
        {
            var builder = new Builder(_state, _model.Hmm);
            var freq = builder.SuggestSplit(segments);
            if (tune)
            {
                builder.AddWord(string.Concat(segments), freq, null);
                _state = builder.Publish(this);
            }

            return freq;
        }
    }

    /// <summary>
    /// Loads a user dictionary file (jieba's <c>load_userdict</c> format): one word per line, optionally
    /// followed by a space and a frequency, then a space and a tag (<c>云计算 5 n</c>). Blank lines and
    /// lines starting with <c>#</c> are skipped. The words are published together.
    /// </summary>
    /// <returns>The number of words read.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not UTF-8 or a frequency is out of range; the message names the file and line. Nothing is added then.</exception>
    public int LoadUserDictionary(string path)
    {
        using var reader = new StreamReader(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        try
        {
            return LoadUserDictionary(reader, path);
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidDataException($"{path}: a user dictionary must be UTF-8.", e);
        }
    }

    /// <summary>Loads user words from <paramref name="reader"/>; see <see cref="LoadUserDictionary(string)"/>.</summary>
    /// <exception cref="InvalidDataException">A frequency is out of range; nothing is added then.</exception>
    public int LoadUserDictionary(TextReader reader, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var entries = new List<(string Word, long? Freq, string? Tag)>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } raw)
        {
            lineNumber++;
            if (UserDictionaryLine.TryParse(raw, out var entry, out var error))
            {
                entries.Add(entry);
            }
            else if (error is not null)
            {
                throw new InvalidDataException($"{sourceName}:{lineNumber.ToString(CultureInfo.InvariantCulture)}: {error}");
            }
        }

        lock (_writeLock)
        {
            var builder = new Builder(_state, _model.Hmm);
            foreach (var (word, freq, tag) in entries)
            {
                builder.AddWord(word, freq, tag);
            }

            _state = builder.Publish(this);
        }

        return entries.Count;
    }

    /// <summary>The word's frequency (<c>FREQ.get(word, 0)</c>): 0 for unknown words and for prefixes of words.</summary>
    public long GetFrequency(string word) => string.IsNullOrEmpty(word) ? 0 : _state.Exact.Frequency(word, 0);

    /// <summary>The tag a user word was added with, or null.</summary>
    public string? GetTag(string word) =>
        !string.IsNullOrEmpty(word) && _state.Overlay.TryGet(word, out var entry) && entry.IsExplicit ? entry.Tag : null;

    internal void Run<TSink>(ReadOnlySpan<char> text, SegmentMode mode, bool hmm, bool folded, ref TSink sink)
        where TSink : struct, ITokenSink
    {
        var lexicon = _state.View(folded);
        switch (mode)
        {
            case SegmentMode.Full:
                JiebaCutter.CutAll(text, lexicon, ref sink);
                break;
            case SegmentMode.Search:
                JiebaCutter.CutForSearch(text, lexicon, _model.Hmm, hmm, ref sink);
                break;
            default:
                JiebaCutter.Cut(text, lexicon, _model.Hmm, hmm, ref sink);
                break;
        }
    }

    private static string CheckWord(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var trimmed = word.Trim();
        return trimmed.Length == 0 ? throw new ArgumentException("A word cannot be empty.", nameof(word)) : trimmed;
    }

    private SegmenterState Publish(UserWordOverlay overlay, long total, HashSet<string> forceSplit)
    {
        if (_fold is null)
        {
            return new SegmenterState(_model.Dictionary, overlay, total, forceSplit, null, null);
        }

        // The analyzer segments case-folded, simplified text: give it the folded form of every
        // dictionary word that has Latin letters (U盘 -> u盘) and of every user word, so that
        // "U盘" and "u盘", "鹿鸣Pro" and "鹿鸣pro" segment alike.
        var folded = new UserWordOverlay();
        foreach (var (word, freq) in _model.Dictionary.NonHanWords)
        {
            var alias = _fold(word);
            if (alias != word && !(overlay.TryGet(word, out var own) && own.IsExplicit) && double.IsNegativeInfinity(_model.Dictionary.GetWeight(alias)))
            {
                folded.SetWord(alias, freq, null);
            }
        }

        foreach (var (word, entry) in overlay.Words)
        {
            folded.SetWord(word, entry.Frequency, entry.Tag);
        }

        foreach (var (word, entry) in overlay.Words)
        {
            var alias = _fold(word);
            if (alias.Length > 0 && alias != word && !(overlay.TryGet(alias, out var own) && own.IsExplicit))
            {
                folded.SetWord(alias, entry.Frequency, entry.Tag);
            }
        }

        var foldedForceSplit = new HashSet<string>(forceSplit, StringComparer.Ordinal);
        foreach (var word in forceSplit)
        {
            foldedForceSplit.Add(_fold(word));
        }

        return new SegmenterState(_model.Dictionary, overlay, total, forceSplit, folded, foldedForceSplit);
    }

    /// <summary>Applies jieba's user-word operations to a private copy of the state, then publishes it.</summary>
    private sealed class Builder
    {
        private readonly PrefixDictionary _dictionary;
        private readonly UserWordOverlay _overlay;
        private readonly HashSet<string> _forceSplit;
        private readonly HmmModel _hmm;
        private long _total;

        public Builder(SegmenterState state, HmmModel hmm)
        {
            _dictionary = state.Exact.Dictionary;
            _overlay = state.Overlay.Clone();
            _forceSplit = new HashSet<string>(state.ForceSplit, StringComparer.Ordinal);
            _total = state.Total;
            _hmm = hmm;
        }

        private Lexicon Lexicon => new(_dictionary, _overlay, Math.Log(_total), _forceSplit);

        public long AddWord(string word, long? frequency, string? tag)
        {
            var freq = frequency ?? SuggestJoin(word);
            _overlay.SetWord(word, freq, tag);

            // jieba adds the new frequency to the total even when the word was already there.
            _total += freq;
            if (freq == 0)
            {
                _forceSplit.Add(word);
            }

            return freq;
        }

        /// <summary><c>suggest_freq(word)</c>: max(int(P(no-HMM segments) * total) + 1, FREQ.get(word, 1)).</summary>
        public long SuggestJoin(string word)
        {
            var lexicon = Lexicon;
            double total = _total;
            var freq = 1.0;
            var spans = new SpanCollector(word.Length);
            try
            {
                JiebaCutter.Cut(word, lexicon, _hmm, useHmm: false, ref spans);
                for (var i = 0; i < spans.Count; i++)
                {
                    var (start, length) = spans[i];
                    freq *= lexicon.Frequency(word.AsSpan(start, length), 1) / total;
                }
            }
            finally
            {
                spans.Dispose();
            }

            return Math.Max((long)(freq * _total) + 1, lexicon.Frequency(word, 1));
        }

        /// <summary><c>suggest_freq((a, b, ...))</c>: min(int(P(segments) * total), FREQ.get(word, 0)).</summary>
        public long SuggestSplit(IReadOnlyList<string> segments)
        {
            var lexicon = Lexicon;
            double total = _total;
            var freq = 1.0;
            foreach (var segment in segments)
            {
                freq *= lexicon.Frequency(segment, 1) / total;
            }

            return Math.Min((long)(freq * _total), lexicon.Frequency(string.Concat(segments), 0));
        }

        public SegmenterState Publish(JiebaSegmenter owner) => owner.Publish(_overlay, _total, _forceSplit);
    }
}
