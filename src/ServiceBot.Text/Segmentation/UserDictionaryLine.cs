using System.Globalization;

namespace ServiceBot.Text.Segmentation;

/// <summary>
/// One line of a jieba user dictionary: <c>^(.+?)( [0-9]+)?( [a-z]+)?$</c> after stripping whitespace and
/// a byte-order mark, i.e. a word (which may itself contain spaces), then an optional frequency, then an
/// optional lower-case tag. Lines starting with <c>#</c> are comments.
/// </summary>
internal static class UserDictionaryLine
{
    /// <summary>Parses one line; false with a null error for blank and comment lines, false with an error for bad ones.</summary>
    public static bool TryParse(string raw, out (string Word, long? Freq, string? Tag) entry, out string? error)
    {
        entry = default;
        error = null;
        var line = raw.AsSpan().TrimStart('\uFEFF').Trim();
        if (line.IsEmpty || line[0] == '#')
        {
            return false;
        }

        string? tag = null;
        var space = line.LastIndexOf(' ');
        if (space > 0 && IsAll(line[(space + 1)..], static c => c is >= 'a' and <= 'z'))
        {
            tag = line[(space + 1)..].ToString();
            line = line[..space];
        }

        long? freq = null;
        space = line.LastIndexOf(' ');
        if (space > 0 && IsAll(line[(space + 1)..], char.IsAsciiDigit))
        {
            if (!long.TryParse(line[(space + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                error = $"the frequency '{line[(space + 1)..]}' is too large";
                return false;
            }

            freq = value;
            line = line[..space];
        }

        entry = (line.ToString(), freq, tag);
        return true;
    }

    private static bool IsAll(ReadOnlySpan<char> text, Func<char, bool> predicate)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!predicate(c))
            {
                return false;
            }
        }

        return true;
    }
}
