namespace ServiceBot.TaskBot.Extraction;

/// <summary>
/// A list of marker words or phrases (yes, cancel, correction…) matched against normalized text:
/// Latin markers as whole words, Chinese ones as substrings.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class MarkerSet
{
    private const string Particles = "啊呀吧哦呢啦嘛了哈噢喔~～";
    private readonly string[] _markers;
    private readonly HashSet<string> _whole;

    public MarkerSet(IEnumerable<string> markers)
    {
        _markers = [.. markers.Select(m => m.Trim().ToLowerInvariant()).Where(m => m.Length > 0).Distinct(StringComparer.Ordinal).OrderByDescending(m => m.Length)];
        _whole = new HashSet<string>(_markers.Select(Compact), StringComparer.Ordinal);
    }

    /// <summary>True when a marker occurs anywhere in <paramref name="text"/>.</summary>
    public bool Contains(string text) => Find(text) >= 0;

    /// <summary>The index just past the first marker found, or -1.</summary>
    public int Find(string text)
    {
        foreach (var marker in _markers)
        {
            var at = 0;
            while ((at = text.IndexOf(marker, at, StringComparison.OrdinalIgnoreCase)) >= 0)
            {
                if (IsWordAt(text, at, marker.Length))
                {
                    return at + marker.Length;
                }

                at++;
            }
        }

        return -1;
    }

    /// <summary>True when the whole message is one marker, give or take punctuation, spaces and particles ("好的呀！").</summary>
    public bool IsWholeMessage(string text)
    {
        var compact = Compact(text);
        return _whole.Contains(compact) || _whole.Contains(compact.TrimEnd(Particles.ToCharArray()));
    }

    /// <summary>True when the message opens with a marker followed by punctuation, a space or its end ("不对，是明天").</summary>
    public bool StartsMessage(string text)
    {
        var trimmed = text.TrimStart();
        foreach (var marker in _markers)
        {
            if (trimmed.StartsWith(marker, StringComparison.OrdinalIgnoreCase)
                && (trimmed.Length == marker.Length || char.IsPunctuation(trimmed[marker.Length]) || char.IsWhiteSpace(trimmed[marker.Length]) || char.IsSymbol(trimmed[marker.Length])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Lower case without punctuation, symbols and spaces, except inside Latin phrases where one space is kept.</summary>
    public static string Compact(string text)
    {
        var buffer = new System.Text.StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = buffer.Length > 0;
                continue;
            }

            if ((char.IsPunctuation(c) || char.IsSymbol(c)) && c != '\'')
            {
                continue;
            }

            if (pendingSpace && char.IsAsciiLetter(c) && buffer.Length > 0 && char.IsAsciiLetter(buffer[^1]))
            {
                buffer.Append(' ');
            }

            pendingSpace = false;
            buffer.Append(char.ToLowerInvariant(c));
        }

        return buffer.ToString();
    }

    private static bool IsWordAt(string text, int start, int length)
    {
        if (!char.IsAsciiLetter(text[start]))
        {
            return true;
        }

        var before = start == 0 || !char.IsAsciiLetterOrDigit(text[start - 1]);
        var end = start + length;
        var after = end >= text.Length || !char.IsAsciiLetterOrDigit(text[end]) || !char.IsAsciiLetter(text[end - 1]);
        return before && after;
    }
}
