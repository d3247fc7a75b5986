using ServiceBot.Abstractions.Text;

namespace ServiceBot.ChatBot.Tests.Support;

/// <summary>
/// A deliberately simple analyzer for ChatBot tests until the jieba analyzer is composed: it tests ChatBot behaviour, not segmentation:
/// each CJK character is a word, Latin letters and digits form words.
/// </summary>
internal sealed class CharacterAnalyzer : ITextAnalyzer
{
    public AnalyzedUtterance Analyze(string text)
    {
        var normalized = text.ToLowerInvariant();
        var tokens = new List<Token>();
        var i = 0;
        var cjk = false;
        var latin = false;
        while (i < normalized.Length)
        {
            var c = normalized[i];
            if (char.IsAsciiLetterOrDigit(c))
            {
                var start = i;
                while (i < normalized.Length && char.IsAsciiLetterOrDigit(normalized[i]))
                {
                    i++;
                }

                var word = normalized[start..i];
                tokens.Add(new Token(word, start, i - start, char.IsAsciiDigit(word[0]) ? TokenKind.Number : TokenKind.Latin, word, false));
                latin = true;
                continue;
            }

            if (c >= '\u4e00' && c <= '\u9fff')
            {
                tokens.Add(new Token(c.ToString(), i, 1, TokenKind.Word, c.ToString(), false));
                cjk = true;
            }
            else if (!char.IsWhiteSpace(c))
            {
                tokens.Add(new Token(c.ToString(), i, 1, TokenKind.Symbol, c.ToString(), false));
            }

            i++;
        }

        var language = cjk && latin ? TextLanguage.Mixed : cjk ? TextLanguage.Chinese : latin ? TextLanguage.English : TextLanguage.Unknown;
        return new AnalyzedUtterance(text, normalized, tokens, language);
    }
}
