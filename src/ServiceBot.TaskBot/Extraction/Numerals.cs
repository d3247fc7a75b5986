namespace ServiceBot.TaskBot.Extraction;

/// <summary>Readers for ASCII digits and Chinese numerals, shared by the number and date extractors; all work on folded text.</summary>
internal static class Numerals
{
    /// <summary>Values above this are refused, so customer text can never overflow <see cref="decimal"/>.</summary>
    public const decimal Max = 100_000_000_000_000_000_000m;

    private const int MaxIntegerDigits = 20;
    private const int MaxFractionDigits = 10;

    public static bool IsDigit(char c) => (uint)(c - '0') <= 9;

    public static bool IsLetter(char c) => (uint)(c - 'a') <= 'z' - 'a';

    public static bool IsAlnum(char c) => IsDigit(c) || IsLetter(c);

    public static int ChineseDigit(char c) => c switch
    {
        '零' or '〇' => 0,
        '一' or '壹' => 1,
        '二' or '贰' or '貳' or '两' or '兩' => 2,
        '三' or '叁' => 3,
        '四' or '肆' => 4,
        '五' or '伍' => 5,
        '六' or '陆' or '陸' => 6,
        '七' or '柒' => 7,
        '八' or '捌' => 8,
        '九' or '玖' => 9,
        _ => -1,
    };

    public static int SmallUnit(char c) => c switch
    {
        '十' or '拾' => 10,
        '百' or '佰' => 100,
        '千' or '仟' => 1000,
        _ => 0,
    };

    public static decimal LargeUnit(char c) => c switch
    {
        '万' or '萬' => 10_000m,
        '亿' or '億' => 100_000_000m,
        _ => 0m,
    };

    public static bool IsNumeralChar(char c) => ChineseDigit(c) >= 0 || SmallUnit(c) > 0 || LargeUnit(c) > 0;

    /// <summary>Reads ASCII digits at <paramref name="i"/>: integer part, optional 1,200-style groups, optional fraction.</summary>
    /// <returns>False when there is no digit or the run is too long to be a quantity (it is then an id, not a number).</returns>
    public static bool TryReadDigits(string s, int i, bool allowGroups, bool allowDecimal, out decimal value, out int end)
    {
        value = 0;
        var j = i;
        while (j < s.Length && IsDigit(s[j]))
        {
            j++;
        }

        end = j;
        var intDigits = j - i;
        if (intDigits == 0 || intDigits > MaxIntegerDigits)
        {
            return false;
        }

        for (var k = i; k < j; k++)
        {
            value = (value * 10) + (s[k] - '0');
        }

        if (allowGroups && intDigits <= 3)
        {
            while (j + 3 < s.Length && s[j] is ',' or '，' && IsDigit(s[j + 1]) && IsDigit(s[j + 2]) && IsDigit(s[j + 3])
                   && (j + 4 >= s.Length || !IsDigit(s[j + 4])) && value < Max)
            {
                value = (value * 1000) + ((s[j + 1] - '0') * 100) + ((s[j + 2] - '0') * 10) + (s[j + 3] - '0');
                j += 4;
            }
        }

        if (allowDecimal && j + 1 < s.Length && s[j] == '.' && IsDigit(s[j + 1]))
        {
            j++;
            var scale = 1m;
            while (j < s.Length && IsDigit(s[j]))
            {
                if (scale < 10_000_000_000m)
                {
                    scale *= 10;
                    value += (s[j] - '0') / scale;
                }

                j++;
            }
        }

        end = j;
        return true;
    }

    /// <summary>
    /// Reads a number written with ASCII digits, Chinese numerals or both (三百五十, 两千零五, 一万二, 3万5, 1.5万, 二零二五).
    /// </summary>
    /// <param name="s">Folded text.</param>
    /// <param name="i">Where the number starts.</param>
    /// <param name="allowDecimal">Whether 1.5 and 三点五 are read as fractions (dates and times read them as separators).</param>
    /// <param name="value">The value read.</param>
    /// <param name="end">Index just past the number.</param>
    /// <param name="usedChinese">Whether any Chinese numeral was read.</param>
    public static bool TryReadNumber(string s, int i, bool allowDecimal, out decimal value, out int end, out bool usedChinese)
    {
        decimal total = 0, section = 0, pending = 0, lastUnit = 1;
        bool hasPending = false, single = false, zero = false, any = false;
        usedChinese = false;
        value = 0;
        end = i;
        var j = i;
        while (j < s.Length)
        {
            var c = s[j];
            if (IsDigit(c))
            {
                if (hasPending || !TryReadDigits(s, j, allowGroups: !any, allowDecimal, out var v, out var e))
                {
                    break;
                }

                pending = v;
                hasPending = true;
                single = e - j == 1;
                any = true;
                j = e;
                continue;
            }

            var d = ChineseDigit(c);
            if (d >= 0)
            {
                if (hasPending)
                {
                    break;
                }

                if (d == 0 && any)
                {
                    // 零 only marks a gap between units (两千零五): the digit after it is not shortened.
                    zero = true;
                    usedChinese = true;
                    j++;
                    continue;
                }

                var k = j;
                decimal run = 0;
                while (k < s.Length && k - j < MaxIntegerDigits && ChineseDigit(s[k]) >= 0)
                {
                    run = (run * 10) + ChineseDigit(s[k]);
                    k++;
                }

                var unitFollows = k < s.Length && (SmallUnit(s[k]) > 0 || LargeUnit(s[k]) > 0);
                if (k - j >= 2 && !unitFollows)
                {
                    // Digit by digit, as years and phone numbers are read out: 二零二五.
                    pending = run;
                    single = false;
                    j = k;
                }
                else
                {
                    pending = d;
                    single = true;
                    j++;
                }

                hasPending = true;
                any = true;
                usedChinese = true;
                if (allowDecimal && j + 1 < s.Length && s[j] == '点' && ChineseDigit(s[j + 1]) >= 0)
                {
                    j = ReadChineseFraction(s, j, ref pending, ref single);
                }

                continue;
            }

            var su = SmallUnit(c);
            if (su > 0)
            {
                if (hasPending)
                {
                    section += pending * su;
                }
                else if (su == 10 && (!any || zero || lastUnit >= 10_000))
                {
                    section += 10;
                }
                else
                {
                    break;
                }

                hasPending = false;
                lastUnit = su;
                zero = false;
                any = true;
                usedChinese = true;
                j++;
                continue;
            }

            var lu = LargeUnit(c);
            if (lu > 0)
            {
                var sec = section + (hasPending ? pending : 0);
                if (sec == 0 && (lu == 10_000 || total == 0))
                {
                    break;
                }

                if (sec > Max / lu || total > Max / lu)
                {
                    return false;
                }

                total = lu == 10_000 ? total + (sec * lu) : (total + sec) * lu;
                if (total > Max)
                {
                    return false;
                }

                section = 0;
                pending = 0;
                hasPending = false;
                lastUnit = lu;
                zero = false;
                any = true;
                usedChinese = true;
                j++;
                continue;
            }

            break;
        }

        if (!any)
        {
            return false;
        }

        if (hasPending)
        {
            // 一万二 is 12000 and 三千五 is 3500: a lone digit right after a unit counts in the next unit down.
            section += single && !zero && lastUnit >= 100 ? pending * lastUnit / 10 : pending;
        }

        value = total + section;
        end = j;
        return value <= Max;
    }

    private static int ReadChineseFraction(string s, int dot, ref decimal pending, ref bool single)
    {
        var k = dot + 1;
        var scale = 1m;
        decimal fraction = 0;
        while (k < s.Length && ChineseDigit(s[k]) >= 0)
        {
            if (scale < 10_000_000_000m)
            {
                scale *= 10;
                fraction += ChineseDigit(s[k]) / scale;
            }

            k++;
        }

        // 三点五十 and 三点一刻 are times of day, not 3.5.
        if (k < s.Length && (SmallUnit(s[k]) > 0 || s[k] is '分' or '刻' or '钟' or '半'))
        {
            return dot;
        }

        pending += fraction;
        single = false;
        return k;
    }
}
