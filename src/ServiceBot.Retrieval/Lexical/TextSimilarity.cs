using System.Buffers;
using System.Globalization;

namespace ServiceBot.Retrieval.Lexical;

/// <summary>
/// Surface similarities between two normalized strings, used as reranker features. Letters and
/// digits count; spaces and punctuation do not. All functions are pure and thread-safe.
/// </summary>
public static class TextSimilarity
{
    private const int MaxEditLength = 128;

    /// <summary>Dice coefficient of the character bigram multisets (unigrams for one-character strings), in [0, 1].</summary>
    public static float CharBigramDice(string a, string b)
    {
        var ka = Compact(a);
        var kb = Compact(b);
        if (ka.Length == 0 || kb.Length == 0)
        {
            return 0;
        }

        if (ka.Length == 1 || kb.Length == 1)
        {
            return ka.Length == kb.Length && ka[0] == kb[0] ? 1 : (ka.Contains(kb[0], StringComparison.Ordinal) || kb.Contains(ka[0], StringComparison.Ordinal) ? 2f / (ka.Length + kb.Length) : 0);
        }

        var grams = new Dictionary<int, int>(ka.Length);
        for (var i = 0; i + 1 < ka.Length; i++)
        {
            var g = (ka[i] << 16) | ka[i + 1];
            grams[g] = grams.GetValueOrDefault(g) + 1;
        }

        var common = 0;
        for (var i = 0; i + 1 < kb.Length; i++)
        {
            var g = (kb[i] << 16) | kb[i + 1];
            if (grams.TryGetValue(g, out var c) && c > 0)
            {
                grams[g] = c - 1;
                common++;
            }
        }

        return 2f * common / (ka.Length - 1 + kb.Length - 1);
    }

    /// <summary>1 - Levenshtein distance / longer length, over letters and digits; strings are cut at 128 characters.</summary>
    public static float EditSimilarity(string a, string b)
    {
        var sa = Compact(a);
        var sb = Compact(b);
        if (sa.Length > MaxEditLength)
        {
            sa = sa[..MaxEditLength];
        }

        if (sb.Length > MaxEditLength)
        {
            sb = sb[..MaxEditLength];
        }

        var longer = Math.Max(sa.Length, sb.Length);
        if (longer == 0)
        {
            return 0;
        }

        Span<int> prev = stackalloc int[sb.Length + 1];
        Span<int> cur = stackalloc int[sb.Length + 1];
        for (var j = 0; j <= sb.Length; j++)
        {
            prev[j] = j;
        }

        for (var i = 1; i <= sa.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= sb.Length; j++)
            {
                var cost = sa[i - 1] == sb[j - 1] ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }

            var swap = prev;
            prev = cur;
            cur = swap;
        }

        return 1 - ((float)prev[sb.Length] / longer);
    }

    /// <summary>Letters and digits of <paramref name="text"/>, lower-cased, without spaces and punctuation.</summary>
    public static string Compact(string text)
    {
        var rented = text.Length <= 256 ? null : ArrayPool<char>.Shared.Rent(text.Length);
        Span<char> buffer = rented ?? stackalloc char[text.Length];
        var n = 0;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                buffer[n++] = char.ToLowerInvariant(c);
            }
        }

        var result = n == text.Length ? text.ToLowerInvariant() : new string(buffer[..n]);
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        return result;
    }

    /// <summary>The numbers written in a text (digit runs), for number-agreement features.</summary>
    public static IReadOnlyList<string> Numbers(string text)
    {
        List<string>? numbers = null;
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var digit = i < text.Length && CharUnicodeInfo.GetUnicodeCategory(text[i]) == UnicodeCategory.DecimalDigitNumber;
            if (digit && start < 0)
            {
                start = i;
            }
            else if (!digit && start >= 0)
            {
                (numbers ??= []).Add(text[start..i]);
                start = -1;
            }
        }

        return numbers ?? (IReadOnlyList<string>)[];
    }
}
