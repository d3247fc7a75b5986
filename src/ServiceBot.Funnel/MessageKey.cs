using System.Globalization;
using System.Text;

namespace ServiceBot.Funnel;

/// <summary>
/// The form of a message the rules and the answer cache compare: compatibility forms folded (full
/// width to half width), lower case, and only letters and digits kept, so "您好！", "您好" and
/// "您 好~" are one key. Lone surrogates and other broken characters are dropped.
/// </summary>
internal static class MessageKey
{
    public static string Of(string text)
    {
        if (text.Length == 0)
        {
            return "";
        }

        string folded;
        try
        {
            folded = text.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // Invalid UTF-16 (a lone surrogate) cannot be normalized; the letters around it still count.
            folded = text;
        }

        var builder = new StringBuilder(folded.Length);
        foreach (var rune in folded.EnumerateRunes())
        {
            if (rune == Rune.ReplacementChar)
            {
                continue;
            }

            if (Rune.IsLetterOrDigit(rune))
            {
                builder.Append(Rune.ToLowerInvariant(rune).ToString());
            }
        }

        return builder.ToString();
    }

    /// <summary>A stable 64-bit FNV-1a hash of a key, for rate-limiter keys that must not carry customer text.</summary>
    public static string Hash(string key)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash.ToString("x16", CultureInfo.InvariantCulture);
    }
}
