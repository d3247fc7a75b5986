using System.Buffers;

namespace ServiceBot.Channels.Rendering;

/// <summary>Splits text longer than a channel allows into pieces that end at a paragraph, line or sentence where possible.</summary>
internal static class TextSplitter
{
    private static readonly SearchValues<char> SentenceEnds = SearchValues.Create("。！？；.!?;");

    /// <summary>The text in pieces of at most <paramref name="maxLength"/> characters, in order; one piece when it fits.</summary>
    public static IReadOnlyList<string> Split(string text, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 16);
        if (text.Length <= maxLength)
        {
            return [text];
        }

        var pieces = new List<string>();
        var rest = text.AsSpan();
        while (rest.Length > maxLength)
        {
            var cut = CutPoint(rest[..maxLength]);
            pieces.Add(rest[..cut].TrimEnd().ToString());
            rest = rest[cut..].TrimStart();
        }

        if (rest.Length > 0)
        {
            pieces.Add(rest.ToString());
        }

        return pieces;
    }

    private static int CutPoint(ReadOnlySpan<char> window)
    {
        // Prefer the latest natural break in the second half of the window, so pieces stay large.
        var half = window.Length / 2;
        var paragraph = window.LastIndexOf("\n\n");
        if (paragraph >= half)
        {
            return paragraph + 2;
        }

        var line = window.LastIndexOf('\n');
        if (line >= half)
        {
            return line + 1;
        }

        var sentence = window.LastIndexOfAny(SentenceEnds);
        if (sentence >= half)
        {
            return sentence + 1;
        }

        var space = window.LastIndexOf(' ');
        if (space >= half)
        {
            return space + 1;
        }

        // No break: cut hard, but never between the halves of a surrogate pair.
        return char.IsHighSurrogate(window[^1]) ? window.Length - 1 : window.Length;
    }
}
