using System.Globalization;
using System.Text;
using ServiceBot.Abstractions.Text;

namespace ServiceBot.KbBot.Tests;

/// <summary>
/// A stand-in analyzer for tests: lower-cases and folds full-width letters and digits, then indexes CJK
/// runs as character bigrams and Latin words and numbers as themselves. Keeps the KB tests independent
/// of the jieba dictionary.
/// </summary>
internal sealed class BigramAnalyzer : ITextAnalyzer
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal) { "the", "a", "an", "is", "to", "of", "i", "my", "do", "吗", "的", "了", "呢", "吧", "啊" };

    public AnalyzedUtterance Analyze(string text)
    {
        var normalized = Normalize(text);
        var tokens = new List<Token>();
        var i = 0;
        while (i < normalized.Length)
        {
            var c = normalized[i];
            var start = i;
            if (IsCjk(c))
            {
                while (i < normalized.Length && IsCjk(normalized[i]))
                {
                    i++;
                }

                var run = normalized[start..i];
                if (run.Length == 1)
                {
                    tokens.Add(new Token(run, start, 1, TokenKind.Word, run, StopWords.Contains(run)));
                }

                for (var k = 0; k + 1 < run.Length; k++)
                {
                    var gram = run.Substring(k, 2);
                    tokens.Add(new Token(gram, start + k, 2, TokenKind.Word, gram, false));
                }
            }
            else if (char.IsLetterOrDigit(c))
            {
                while (i < normalized.Length && char.IsLetterOrDigit(normalized[i]) && !IsCjk(normalized[i]))
                {
                    i++;
                }

                var word = normalized[start..i];
                var kind = word.All(char.IsDigit) ? TokenKind.Number : TokenKind.Latin;
                tokens.Add(new Token(word, start, word.Length, kind, word, StopWords.Contains(word)));
            }
            else
            {
                i++;
                tokens.Add(new Token(c.ToString(), start, 1, char.IsWhiteSpace(c) ? TokenKind.Whitespace : TokenKind.Symbol, c.ToString(), false));
            }
        }

        var cjk = normalized.Any(IsCjk);
        var latin = normalized.Any(ch => ch is >= 'a' and <= 'z');
        var language = cjk && latin ? TextLanguage.Mixed : cjk ? TextLanguage.Chinese : latin ? TextLanguage.English : TextLanguage.Unknown;
        return new AnalyzedUtterance(text, normalized, tokens, language);
    }

    private static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            builder.Append(char.ToLower(c, CultureInfo.InvariantCulture));
        }

        return builder.ToString().Trim();
    }

    private static bool IsCjk(char c) => c is >= '\u4e00' and <= '\u9fff';
}
