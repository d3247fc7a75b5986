namespace ServiceBot.Text.Segmentation;

/// <summary>
/// The character classes jieba's regular expressions define, as lookup tables so that the segmenter
/// never runs a regex: the "han block" class of <c>re_han_default</c>, Python's <c>\s</c>, the
/// ASCII alphanumerics of <c>re_eng</c> and the ideograph range of <c>finalseg.re_han</c>.
/// </summary>
internal static class CharClasses
{
    /// <summary>First character of the ideograph range jieba treats as Chinese (<c>\u4E00-\u9FD5</c>).</summary>
    public const char HanFirst = '\u4E00';

    /// <summary>Last character of that range, inclusive.</summary>
    public const char HanLast = '\u9FD5';

    private const byte HanBlockFlag = 1;
    private const byte WhitespaceFlag = 2;
    private const byte AsciiAlnumFlag = 4;

    private static readonly byte[] Table = Build();

    /// <summary>Characters of <c>[\u4E00-\u9FD5a-zA-Z0-9+#&amp;\._%\-]</c>: what jieba segments with the dictionary.</summary>
    public static bool IsHanBlock(char c) => (Table[c] & HanBlockFlag) != 0;

    /// <summary>Python's <c>str.isspace()</c>, which is what <c>\s</c> matches in jieba's patterns.</summary>
    public static bool IsWhitespace(char c) => (Table[c] & WhitespaceFlag) != 0;

    /// <summary><c>[a-zA-Z0-9]</c>.</summary>
    public static bool IsAsciiAlnum(char c) => (Table[c] & AsciiAlnumFlag) != 0;

    /// <summary><c>[\u4E00-\u9FD5]</c>: the characters the HMM has emission probabilities for.</summary>
    public static bool IsHan(char c) => c is >= HanFirst and <= HanLast;

    public static bool IsAsciiDigit(char c) => c is >= '0' and <= '9';

    private static byte[] Build()
    {
        var table = new byte[char.MaxValue + 1];
        for (int c = HanFirst; c <= HanLast; c++)
        {
            table[c] |= HanBlockFlag;
        }

        for (var c = 'a'; c <= 'z'; c++)
        {
            table[c] |= HanBlockFlag | AsciiAlnumFlag;
            table[char.ToUpperInvariant(c)] |= HanBlockFlag | AsciiAlnumFlag;
        }

        for (var c = '0'; c <= '9'; c++)
        {
            table[c] |= HanBlockFlag | AsciiAlnumFlag;
        }

        foreach (var c in "+#&._%-")
        {
            table[c] |= HanBlockFlag;
        }

        // The code points for which CPython's str.isspace() is true (bidirectional class WS, B or S,
        // or category Zs). Unlike char.IsWhiteSpace this includes U+001C..U+001F.
        ReadOnlySpan<char> whitespace =
        [
            '\t', '\n', '\v', '\f', '\r', '\u001C', '\u001D', '\u001E', '\u001F', ' ', '\u0085', '\u00A0', '\u1680',
            '\u2000', '\u2001', '\u2002', '\u2003', '\u2004', '\u2005', '\u2006', '\u2007', '\u2008', '\u2009', '\u200A',
            '\u2028', '\u2029', '\u202F', '\u205F', '\u3000',
        ];
        foreach (var c in whitespace)
        {
            table[c] |= WhitespaceFlag;
        }

        return table;
    }
}
