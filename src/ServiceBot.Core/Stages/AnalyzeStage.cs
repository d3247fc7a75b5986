using ServiceBot.Abstractions.Text;
using ServiceBot.Abstractions.Turns;

namespace ServiceBot.Core.Stages;

/// <summary>
/// Normalizes and segments the customer's text once; every later stage reads
/// <see cref="TurnContext.Utterance"/> instead of segmenting again. Also settles the reply language:
/// a customer who writes Chinese is answered in Chinese whatever the client's locale says.
/// </summary>
internal sealed partial class AnalyzeStage(ITextAnalyzer analyzer) : ITurnStage
{
    public string Name => "analyze";

    public ValueTask InvokeAsync(TurnContext turn, TurnDelegate next, CancellationToken cancellationToken)
    {
        var utterance = analyzer.Analyze(turn.Text);
        turn.Utterance = utterance;
        var locale = utterance.Language == TextLanguage.English && !HasLatinWord(turn.Text) ? null : LocaleFor(turn, utterance.Language);
        if (locale is not null)
        {
            turn.Locale = locale;
        }

        turn.Trace.Note("language", utterance.Language);
        turn.Trace.Note("terms", utterance.Terms.Count);
        return next(turn, cancellationToken);
    }

    // "LM20241020456" or "SF1234567890123" alone is an answer to a question, not a switch to English:
    // only a run of letters that is not part of a code says which language the customer writes in.
    private static bool HasLatinWord(string text)
    {
        text = CodeLike().Replace(text, " ");
        var run = 0;
        var code = false;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (char.IsAsciiLetter(c))
            {
                run++;
                continue;
            }

            if (char.IsAsciiDigit(c))
            {
                code = true;
                run = 0;
                continue;
            }

            if (run >= 2 && !code)
            {
                return true;
            }

            run = 0;
            code = false;
        }

        return false;
    }

    private static string? LocaleFor(TurnContext turn, TextLanguage language)
    {
        var prefix = language switch
        {
            TextLanguage.Chinese => "zh",
            TextLanguage.English => "en",
            _ => null,
        };
        if (prefix is null || turn.Locale.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        foreach (var locale in turn.Bot.Locales)
        {
            if (locale.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return locale;
            }
        }

        return null;
    }

    // Emails and links are Latin letters in any language.
    [System.Text.RegularExpressions.GeneratedRegex(@"\S+@\S+|https?://\S+", System.Text.RegularExpressions.RegexOptions.CultureInvariant, 200)]
    private static partial System.Text.RegularExpressions.Regex CodeLike();
}
