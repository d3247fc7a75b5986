using Microsoft.Extensions.Logging;
using ServiceBot.Abstractions.Text;
using ServiceBot.Text.Normalization;
using ServiceBot.Text.Segmentation;

namespace ServiceBot.Text.Analysis;

/// <summary>
/// The analyzer every layer shares: normalization (<see cref="TextNormalizer"/>), then jieba default mode
/// with the HMM over the normalized text, then token kinds, index terms (English stemmed) and stop words.
/// </summary>
/// <remarks>
/// Segmentation runs on case-folded, simplified text with a dictionary view in which dictionary and user
/// words with Latin letters also match folded (U盘 → u盘), so "U盘" and "u盘" give the same terms.
/// Adjacent Latin or digit pieces that jieba leaves apart (e.g. "café" → "caf" + "é") are joined.
/// Thread-safe; never throws.
/// </remarks>
internal sealed partial class TextAnalyzer : ITextAnalyzer
{
    private static readonly System.Buffers.SearchValues<char> NumberChars = System.Buffers.SearchValues.Create("0123456789.");

    private readonly TextNormalizer _normalizer;
    private readonly JiebaSegmenter _segmenter;
    private readonly TermInterner _interner;
    private readonly StopWords _chineseStopWords;
    private readonly StopWords _englishStopWords;
    private readonly ILogger _logger;

    public TextAnalyzer(TextNormalizer normalizer, JiebaSegmenter segmenter, TermInterner interner, ILogger logger)
    {
        _normalizer = normalizer;
        _segmenter = segmenter;
        _interner = interner;
        _chineseStopWords = StopWords.Chinese;
        _englishStopWords = StopWords.English;
        _logger = logger;
    }

    public AnalyzedUtterance Analyze(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text is null ? AnalyzedUtterance.Empty : new AnalyzedUtterance(text, "", [], TextLanguage.Unknown);
        }

        try
        {
            return AnalyzeCore(text);
        }
#pragma warning disable CA1031 // The contract is "never throws": a defect must cost one turn its analysis, not the turn.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogAnalysisFailed(_logger, e, text.Length);
            return new AnalyzedUtterance(text, "", [], TextLanguage.Unknown);
        }
    }

    private AnalyzedUtterance AnalyzeCore(string text)
    {
        var normalized = _normalizer.Normalize(text);
        var s = normalized.Text;
        if (s.Length == 0)
        {
            return new AnalyzedUtterance(text, s, [], TextLanguage.Unknown, normalized.OffsetMap);
        }

        var spans = new SpanCollector(s.Length);
        try
        {
            _segmenter.Run(s, SegmentMode.Default, hmm: true, folded: true, ref spans);
            var tokens = new List<Token>(spans.Count);
            var i = 0;
            while (i < spans.Count)
            {
                var (start, length) = spans[i];
                var j = i + 1;
                if (IsJoinable(s.AsSpan(start, length)))
                {
                    while (j < spans.Count && spans[j].Start == start + length && IsJoinable(s.AsSpan(spans[j].Start, spans[j].Length)))
                    {
                        length += spans[j].Length;
                        j++;
                    }
                }

                tokens.Add(MakeToken(s, start, length));
                i = j;
            }

            return new AnalyzedUtterance(text, s, tokens.ToArray(), DetectLanguage(s), normalized.OffsetMap);
        }
        finally
        {
            spans.Dispose();
        }
    }

    private Token MakeToken(string s, int start, int length)
    {
        var span = s.AsSpan(start, length);
        var word = _interner.Intern(span);
        var kind = Classify(span);
        switch (kind)
        {
            case TokenKind.Word:
                return new Token(word, start, length, kind, word, _chineseStopWords.Contains(span));
            case TokenKind.Latin:
                var term = _interner.Intern(EnglishStemmer.Stem(word));
                return new Token(word, start, length, kind, term, _englishStopWords.Contains(span));
            default:
                return new Token(word, start, length, kind, word, false);
        }
    }

    internal static TokenKind Classify(ReadOnlySpan<char> token)
    {
        if (token.IsWhiteSpace())
        {
            return TokenKind.Whitespace;
        }

        var letters = false;
        var digits = false;
        for (var i = 0; i < token.Length; i++)
        {
            var c = token[i];
            if (char.IsHighSurrogate(c) && i + 1 < token.Length && char.IsLowSurrogate(token[i + 1]))
            {
                if (IsCjk(char.ConvertToUtf32(c, token[++i])))
                {
                    return TokenKind.Word;
                }

                continue;
            }

            if (IsCjk(c))
            {
                return TokenKind.Word;
            }

            letters |= char.IsLetter(c);
            digits |= char.IsDigit(c);
        }

        if (letters)
        {
            return TokenKind.Latin;
        }

        return digits && IsNumber(token) ? TokenKind.Number : TokenKind.Symbol;
    }

    /// <summary>Ideographs, kana, hangul and bopomofo: the scripts jieba's words are made of.</summary>
    internal static bool IsCjk(int c) =>
        c is >= 0x2E80 and <= 0x9FFF
            or >= 0xAC00 and <= 0xD7AF
            or >= 0xF900 and <= 0xFAFF
            or >= 0x20000 and <= 0x3FFFF;

    /// <summary>Digits with at most one decimal point between digits and an optional trailing percent sign.</summary>
    private static bool IsNumber(ReadOnlySpan<char> token)
    {
        if (token[^1] == '%')
        {
            token = token[..^1];
        }

        var dot = token.IndexOf('.');
        return token.Length > 0 && dot != 0 && dot != token.Length - 1
            && !token.ContainsAnyExcept(NumberChars) && (dot < 0 || token[(dot + 1)..].IndexOf('.') < 0);
    }

    /// <summary>Pieces of one Latin (or other alphabetic) word or number that jieba may leave apart.</summary>
    private static bool IsJoinable(ReadOnlySpan<char> token)
    {
        if (!char.IsLetterOrDigit(token[0]))
        {
            return false;
        }

        foreach (var c in token)
        {
            if (!(char.IsLetterOrDigit(c) || c is '.' or '%') || IsCjk(c))
            {
                return false;
            }
        }

        return true;
    }

    private static TextLanguage DetectLanguage(string s)
    {
        var chinese = false;
        var latin = false;
        foreach (var c in s)
        {
            if (c is >= 'a' and <= 'z')
            {
                latin = true;
            }
            else if (c is >= '\u3400' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF' || char.IsHighSurrogate(c))
            {
                chinese |= !char.IsHighSurrogate(c) || c is >= '\uD840' and <= '\uD8BF';
            }

            if (chinese && latin)
            {
                return TextLanguage.Mixed;
            }
        }

        return chinese ? TextLanguage.Chinese : latin ? TextLanguage.English : TextLanguage.Unknown;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Text analysis failed on a {Length}-character utterance; it is treated as empty")]
    private static partial void LogAnalysisFailed(ILogger logger, Exception exception, int length);
}
