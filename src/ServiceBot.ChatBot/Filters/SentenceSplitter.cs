using System.Text.RegularExpressions;

namespace ServiceBot.ChatBot.Filters;

/// <summary>
/// Splits replies into sentences for the filters (which remove or keep whole sentences) and for
/// streaming (which releases a sentence once it is complete and checked), in Chinese and English.
/// </summary>
/// <remarks>
/// A sentence ends at 。！？；!?; or a line break, at "…", and at a full stop followed by a space or the
/// end ("1.5" and "luming-mall.example" do not end one). Closing quotes and brackets stay with their
/// sentence, and so do the spaces after it, so the pieces concatenate back to the text.
/// </remarks>
internal static partial class SentenceSplitter
{
    /// <summary>Every sentence of <paramref name="text"/> as (start, length); together they cover the text.</summary>
    public static List<(int Start, int Length)> Split(string text)
    {
        var sentences = new List<(int, int)>();
        var start = 0;
        while (start < text.Length)
        {
            var end = NextEnd(text, start, complete: true);
            sentences.Add((start, end - start));
            start = end;
        }

        return sentences;
    }

    /// <summary>
    /// The index just past the first sentence that starts at <paramref name="from"/>, or -1 when the
    /// text may still continue it. With <paramref name="complete"/> true the end of the text ends it.
    /// </summary>
    public static int NextEnd(ReadOnlySpan<char> text, int from, bool complete)
    {
        for (var i = from; i < text.Length; i++)
        {
            var c = text[i];
            bool ends;
            switch (c)
            {
                case '。' or '！' or '？' or '；' or '!' or '?' or ';' or '\n' or '…':
                    ends = true;
                    break;
                case '.':
                    if (i + 1 >= text.Length)
                    {
                        // "1." may be "1.5" once more text arrives.
                        if (!complete)
                        {
                            return -1;
                        }

                        ends = true;
                    }
                    else
                    {
                        ends = char.IsWhiteSpace(text[i + 1]) || IsCjk(text[i + 1]);
                    }

                    break;
                default:
                    ends = false;
                    break;
            }

            if (!ends)
            {
                continue;
            }

            var end = i + 1;
            while (end < text.Length && (IsCloser(text[end]) || (text[end] is '…' or '.' or '!' or '?' or '！' or '？')))
            {
                end++;
            }

            while (end < text.Length && text[end] is ' ' or '\t' or '\r' or '\n' or '\u3000')
            {
                end++;
            }

            if (end == text.Length && !complete)
            {
                // Closers or spaces may still follow; release once something else arrives.
                return -1;
            }

            return end;
        }

        return complete ? text.Length : -1;
    }

    /// <summary>True when the text has something to say: letters, digits or CJK characters.</summary>
    public static bool HasContent(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsCloser(char c) => c is '”' or '’' or '"' or '\'' or ')' or '）' or '】' or '」' or '』' or ']' or '》';

    private static bool IsCjk(char c) => c is >= '\u3400' and <= '\u9fff';

    /// <summary>True when the sentence is a list item: a line that starts with a bullet or a number ("- 人为损坏", "2. Water damage").</summary>
    public static bool IsListItem(ReadOnlySpan<char> sentence) => ListItem().IsMatch(sentence);

    [GeneratedRegex(@"^\s*(?:[-*•·]|\d{1,2}[.、)])\s*\S", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ListItem();
}
