using System.Globalization;

namespace ServiceBot.ChatBot.Filters.Facts;

/// <summary>
/// Reads the numbers replies write: digits with thousands separators and decimals, Chinese numerals
/// (七, 十五, 九十, 二十四, 两, 一万, 半) and English number words (seven, twenty-four, a, once).
/// </summary>
internal static class Numerals
{
    private static readonly Dictionary<string, double> EnglishWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["zero"] = 0,
        ["a"] = 1,
        ["an"] = 1,
        ["one"] = 1,
        ["two"] = 2,
        ["three"] = 3,
        ["four"] = 4,
        ["five"] = 5,
        ["six"] = 6,
        ["seven"] = 7,
        ["eight"] = 8,
        ["nine"] = 9,
        ["ten"] = 10,
        ["eleven"] = 11,
        ["twelve"] = 12,
        ["thirteen"] = 13,
        ["fourteen"] = 14,
        ["fifteen"] = 15,
        ["sixteen"] = 16,
        ["seventeen"] = 17,
        ["eighteen"] = 18,
        ["nineteen"] = 19,
        ["twenty"] = 20,
        ["thirty"] = 30,
        ["forty"] = 40,
        ["fifty"] = 50,
        ["sixty"] = 60,
        ["seventy"] = 70,
        ["eighty"] = 80,
        ["ninety"] = 90,
        ["hundred"] = 100,
        ["thousand"] = 1000,
        ["once"] = 1,
        ["twice"] = 2,
        ["thrice"] = 3,
        ["half"] = 0.5,
    };

    /// <summary>The regex alternatives for English number words, longest first.</summary>
    public const string EnglishPattern =
        "(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?"
        + "|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
        + "|zero|one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|half)";

    /// <summary>The regex for an English number word, or one followed by scale words (five thousand, twenty-six thousand, five hundred thousand).</summary>
    public const string EnglishCompoundPattern = EnglishPattern + @"(?:[ \t]+(?:hundred|thousand|million)(?![A-Za-z])){0,2}";

    /// <summary>Parses a number written in digits, Chinese numerals or English words; NaN when it is none.</summary>
    public static double Parse(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (text.IsEmpty)
        {
            return double.NaN;
        }

        if (char.IsAsciiDigit(text[0]) || (text[0] == '.' && text.Length > 1))
        {
            Span<char> buffer = stackalloc char[Math.Min(text.Length, 64)];
            var n = 0;
            foreach (var c in text)
            {
                if (c == ',' || n == buffer.Length)
                {
                    continue;
                }

                buffer[n++] = c;
            }

            return double.TryParse(buffer[..n], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : double.NaN;
        }

        if (IsChineseNumeral(text[0]))
        {
            return ParseChinese(text);
        }

        return ParseEnglish(text);
    }

    public static bool IsChineseNumeral(char c) => c is '零' or '〇' or '一' or '二' or '两' or '三' or '四' or '五' or '六' or '七' or '八' or '九' or '十' or '百' or '千' or '万' or '半';

    private static double ParseChinese(ReadOnlySpan<char> text)
    {
        if (text is "半")
        {
            return 0.5;
        }

        // A run of digit characters without multipliers reads digit by digit (一二三 = 123, 九五 = 95).
        var hasMultiplier = text.IndexOfAny("十百千万") >= 0;
        if (!hasMultiplier)
        {
            double plain = 0;
            foreach (var c in text)
            {
                var d = Digit(c);
                if (d < 0)
                {
                    return double.NaN;
                }

                plain = (plain * 10) + d;
            }

            return plain;
        }

        double total = 0, section = 0, digit = 0;
        var sawDigit = false;
        foreach (var c in text)
        {
            var d = Digit(c);
            if (d >= 0)
            {
                digit = d;
                sawDigit = true;
                continue;
            }

            switch (c)
            {
                case '十':
                    section += (sawDigit ? digit : 1) * 10;
                    break;
                case '百':
                    section += digit * 100;
                    break;
                case '千':
                    section += digit * 1000;
                    break;
                case '万':
                    total += (section + digit) * 10_000;
                    section = 0;
                    break;
                default:
                    return double.NaN;
            }

            digit = 0;
            sawDigit = false;
        }

        return total + section + digit;
    }

    private static int Digit(char c) => c switch
    {
        '零' or '〇' => 0,
        '一' => 1,
        '二' or '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => -1,
    };

    private static double ParseEnglish(ReadOnlySpan<char> text)
    {
        // "five thousand", "twenty-six thousand", "two hundred": a number word times a scale word.
        var space = text.LastIndexOfAny(' ', '\t');
        if (space > 0)
        {
            var count = ParseEnglish(text[..space].TrimEnd());
            var word = text[(space + 1)..];
            var scale = word.Equals("hundred", StringComparison.OrdinalIgnoreCase) ? 100
                : word.Equals("thousand", StringComparison.OrdinalIgnoreCase) ? 1000
                : word.Equals("million", StringComparison.OrdinalIgnoreCase) ? 1_000_000
                : double.NaN;
            return count * scale;
        }

        var dash = text.IndexOf('-');
        if (dash > 0)
        {
            var tens = ParseEnglish(text[..dash]);
            var ones = ParseEnglish(text[(dash + 1)..]);
            return double.IsNaN(tens) || double.IsNaN(ones) ? double.NaN : tens + ones;
        }

        return EnglishWords.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text, out var value) ? value : double.NaN;
    }
}
