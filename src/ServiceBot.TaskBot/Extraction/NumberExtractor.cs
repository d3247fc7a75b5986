namespace ServiceBot.TaskBot.Extraction;

/// <summary>
/// Finds numbers, money amounts, percents and ordinals in Chinese and English customer text
/// (350, 1,200, 三百五十块, 5块5, $20, 1.5万, 百分之二十, 第三, "twenty-one", "a dozen").
/// </summary>
/// <remarks>
/// Digits glued to Latin letters (LM2024, iPhone15, 12ab34) are codes and yield nothing. A bare 分 is not money
/// (打5分 is a score), only 块/元/毛/角 followed by 分 is; 块 is always money, though 两块蛋糕 can mean pieces.
/// </remarks>
public static class NumberExtractor
{
    private const string Cny = "CNY";
    private const string Usd = "USD";

    /// <summary>Returns every match, in text order, without overlaps.</summary>
    public static IReadOnlyList<NumberMatch> Extract(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var s = TextFold.Fold(text);
        List<NumberMatch>? results = null;
        var i = 0;
        while (i < s.Length)
        {
            if (TryMatchAt(s, i, out var match, out var next))
            {
                (results ??= []).Add(match);
                i = match.Start + match.Length;
            }
            else
            {
                i = Math.Max(next, i + 1);
            }
        }

        return results is null ? [] : results;
    }

    private static bool TryMatchAt(string s, int i, out NumberMatch match, out int next)
    {
        match = default;
        next = i + 1;
        var c = s[i];
        var prev = i > 0 ? s[i - 1] : ' ';
        if (Numerals.IsLetter(c))
        {
            if (Numerals.IsAlnum(prev))
            {
                next = SkipCode(s, i);
                return false;
            }

            if (TryCurrencyWordPrefix(s, i, out match) || TryEnglishWords(s, i, out match))
            {
                return true;
            }

            next = SkipCode(s, i);
            return false;
        }

        switch (c)
        {
            case '¥' or '$' or '€':
                return TryAfterPrefix(s, i, i + 1, c switch { '$' => Usd, '€' => "EUR", _ => Cny }, out match);
            case '第':
                return TryPrefixed(s, i, 1, NumberKind.Ordinal, out match);
            case '百' when string.CompareOrdinal(s, i, "百分之", 0, 3) == 0:
                return TryPrefixed(s, i, 3, NumberKind.Percent, out match);
            case '人' when string.CompareOrdinal(s, i, "人民币", 0, 3) == 0:
                return TryAfterPrefix(s, i, i + 3, Cny, out match);
            case '-' when i + 2 < s.Length && s[i + 1] is '¥' or '$' && Numerals.IsDigit(s[i + 2]) && !Numerals.IsAlnum(prev):
                if (TryAfterPrefix(s, i, i + 2, s[i + 1] == '$' ? Usd : Cny, out match))
                {
                    match = match with { Value = -match.Value };
                    return true;
                }

                return false;
            case '-' or '负' when i + 1 < s.Length && !Numerals.IsAlnum(prev) && (c == '负' || Numerals.IsDigit(s[i + 1])):
                if (TryCore(s, i + 1, out var core, out next))
                {
                    match = core with { Start = i, Length = core.Length + 1, Value = -core.Value };
                    return true;
                }

                return false;
        }

        if (Numerals.IsDigit(c) && Numerals.IsAlnum(prev))
        {
            next = SkipCode(s, i);
            return false;
        }

        return TryCore(s, i, out match, out next);
    }

    /// <summary>A number at <paramref name="i"/> with whatever unit, percent sign or currency follows it.</summary>
    private static bool TryCore(string s, int i, out NumberMatch match, out int next)
    {
        match = default;
        next = i + 1;
        if (!Numerals.IsDigit(s[i]) && !Numerals.IsNumeralChar(s[i]))
        {
            return false;
        }

        if (!Numerals.TryReadNumber(s, i, allowDecimal: true, out var value, out var end, out var usedChinese))
        {
            next = SkipCode(s, i);
            return false;
        }

        if (!usedChinese && end < s.Length && Numerals.IsLetter(s[end]) && IsCode(s, end))
        {
            next = SkipCode(s, i);
            return false;
        }

        if (usedChinese && IsIdiom(s, i, end))
        {
            next = end;
            return false;
        }

        match = Suffix(s, i, end, value, !usedChinese);
        return true;
    }

    private static NumberMatch Suffix(string s, int start, int end, decimal value, bool digits)
    {
        if (digits)
        {
            (value, end) = Multiplier(s, end, value);
        }

        var j = end;
        if (j < s.Length && s[j] == '%')
        {
            return new(start, j + 1 - start, value, NumberKind.Percent, null);
        }

        if (digits && j + 2 <= s.Length && IsOrdinalSuffix(s.AsSpan(j, 2)) && (j + 2 == s.Length || !Numerals.IsLetter(s[j + 2])))
        {
            return new(start, j + 2 - start, value, NumberKind.Ordinal, null);
        }

        if (TryMoney(s, j, value, out var amount, out var moneyEnd, out var currency) || TryMoney(s, SkipSpaces(s, j), value, out amount, out moneyEnd, out currency))
        {
            return new(start, moneyEnd - start, amount, NumberKind.Amount, currency);
        }

        var w = SkipSpaces(s, j);
        if (w < s.Length && Numerals.IsLetter(s[w]))
        {
            var we = EnglishNumbers.WordEnd(s, w);
            var word = s.AsSpan(w, we - w);
            if (word is "percent")
            {
                return new(start, we - start, value, NumberKind.Percent, null);
            }

            if (EnglishCurrency(word) is { } code)
            {
                return new(start, we - start, value, NumberKind.Amount, code);
            }
        }

        return new(start, end - start, value, NumberKind.Number, null);
    }

    /// <summary>1.5k, 3w, "3 million": multipliers written after digits.</summary>
    private static (decimal Value, int End) Multiplier(string s, int end, decimal value)
    {
        if (end < s.Length && s[end] is 'k' or 'w' && (end + 1 == s.Length || !Numerals.IsAlnum(s[end + 1])))
        {
            return (value * (s[end] == 'k' ? 1_000 : 10_000), end + 1);
        }

        var w = SkipSpaces(s, end);
        if (w == end || w >= s.Length || !Numerals.IsLetter(s[w]))
        {
            return (value, end);
        }

        var we = EnglishNumbers.WordEnd(s, w);
        var scale = EnglishNumbers.Scale(s.AsSpan(w, we - w));
        return scale > 0 && value <= Numerals.Max / scale ? (value * scale, we) : (value, end);
    }

    /// <summary>块/元/毛/角 after a number, with the smaller units that may follow (5块5, 3块2毛5, 3毛).</summary>
    private static bool TryMoney(string s, int j, decimal value, out decimal amount, out int end, out string? currency)
    {
        amount = value;
        end = j;
        currency = null;
        if (j >= s.Length)
        {
            return false;
        }

        var unitLength = MainUnit(s, j, out currency);
        decimal step;
        if (unitLength > 0)
        {
            step = 0.1m;
        }
        else if (s[j] is '毛' or '角')
        {
            amount = value / 10;
            unitLength = 1;
            currency = Cny;
            step = 0.01m;
        }
        else
        {
            return false;
        }

        end = j + unitLength;
        if (end < s.Length && s[end] == '钱')
        {
            end++;
        }

        if (currency != Cny)
        {
            return true;
        }

        // The smaller units: a number then 毛/角 or 分, or a lone digit that is one step down (5块5 is 5.5).
        while (step >= 0.01m && end < s.Length && Numerals.TryReadNumber(s, end, allowDecimal: false, out var sub, out var subEnd, out _) && sub < 10)
        {
            if (subEnd < s.Length && s[subEnd] is '毛' or '角' && step == 0.1m)
            {
                amount += sub * 0.1m;
                end = subEnd + 1;
                step = 0.01m;
            }
            else if (subEnd < s.Length && s[subEnd] == '分' && !(subEnd + 1 < s.Length && s[subEnd + 1] == '钟'))
            {
                amount += sub * 0.01m;
                end = subEnd + 1;
                break;
            }
            else if (subEnd - end == 1 && (subEnd == s.Length || !Numerals.IsNumeralChar(s[subEnd])))
            {
                amount += sub * step;
                end = subEnd;
                break;
            }
            else
            {
                break;
            }
        }

        return true;
    }

    private static int MainUnit(string s, int j, out string? currency)
    {
        currency = Cny;
        switch (s[j])
        {
            case '块' or '元' or '圆':
                return 1;
            case '美' when j + 1 < s.Length && s[j + 1] is '元' or '金':
                currency = Usd;
                return 2;
            case '欧' when j + 1 < s.Length && s[j + 1] == '元':
                currency = "EUR";
                return 2;
            case '日' when j + 1 < s.Length && s[j + 1] == '元':
                currency = "JPY";
                return 2;
            case '人' when string.CompareOrdinal(s, j, "人民币", 0, 3) == 0:
                return 3;
            default:
                currency = null;
                return 0;
        }
    }

    private static string? EnglishCurrency(ReadOnlySpan<char> word) => word switch
    {
        "dollar" or "dollars" or "bucks" or "usd" => Usd,
        "rmb" or "yuan" or "cny" or "kuai" => Cny,
        "euro" or "euros" or "eur" => "EUR",
        _ => null,
    };

    private static bool IsOrdinalSuffix(ReadOnlySpan<char> two) => two is "st" or "nd" or "rd" or "th";

    /// <summary>"usd 20", "rmb500", "us$20".</summary>
    private static bool TryCurrencyWordPrefix(string s, int i, out NumberMatch match)
    {
        match = default;
        var we = EnglishNumbers.WordEnd(s, i);
        var word = s.AsSpan(i, we - i);
        if (word is "us" && we < s.Length && s[we] == '$')
        {
            return TryAfterPrefix(s, i, we + 1, Usd, out match);
        }

        return word is "usd" or "rmb" or "cny" && TryAfterPrefix(s, i, we, word is "usd" ? Usd : Cny, out match);
    }

    private static bool TryAfterPrefix(string s, int start, int j, string currency, out NumberMatch match)
    {
        match = default;
        j = SkipSpaces(s, j);
        var negative = j < s.Length && s[j] == '-';
        if (negative)
        {
            j++;
        }

        if (j >= s.Length || !(Numerals.IsDigit(s[j]) || Numerals.IsNumeralChar(s[j]))
            || !Numerals.TryReadNumber(s, j, allowDecimal: true, out var value, out var end, out var usedChinese))
        {
            return false;
        }

        if (!usedChinese)
        {
            (value, end) = Multiplier(s, end, value);
        }

        // "$20 usd", "¥350元": the trailing unit repeats the currency, so it belongs to this match.
        if (end < s.Length && MainUnit(s, end, out var trailing) > 0 && trailing == currency)
        {
            end += MainUnit(s, end, out _);
        }
        else
        {
            var w = SkipSpaces(s, end);
            var we = EnglishNumbers.WordEnd(s, w);
            if (we > w && EnglishCurrency(s.AsSpan(w, we - w)) == currency)
            {
                end = we;
            }
        }

        match = new(start, end - start, negative ? -value : value, NumberKind.Amount, currency);
        return true;
    }

    private static bool TryPrefixed(string s, int i, int prefixLength, NumberKind kind, out NumberMatch match)
    {
        match = default;
        var j = i + prefixLength;
        if (kind == NumberKind.Percent && j < s.Length && s[j] == '百' && (j + 1 == s.Length || !Numerals.IsNumeralChar(s[j + 1])))
        {
            // 百分之百: a lone 百 is no number anywhere else.
            match = new(i, j + 1 - i, 100m, kind, null);
            return true;
        }

        if (j >= s.Length || !(Numerals.IsDigit(s[j]) || Numerals.IsNumeralChar(s[j]))
            || !Numerals.TryReadNumber(s, j, allowDecimal: kind == NumberKind.Percent, out var value, out var end, out _))
        {
            return false;
        }

        if (end < s.Length && kind == NumberKind.Percent && s[end] == '%')
        {
            end++;
        }

        match = new(i, end - i, value, kind, null);
        return true;
    }

    private static bool TryEnglishWords(string s, int i, out NumberMatch match)
    {
        match = default;
        if (!EnglishNumbers.TryRead(s, i, out var value, out var end, out var ordinal))
        {
            return false;
        }

        match = ordinal
            ? new(i, end - i, value, NumberKind.Ordinal, null)
            : Suffix(s, i, end, value, digits: false);
        return true;
    }

    /// <summary>Digits followed by letters and then digits again (12ab34) are a code.</summary>
    private static bool IsCode(string s, int letters)
    {
        var j = EnglishNumbers.WordEnd(s, letters);
        return j < s.Length && Numerals.IsDigit(s[j]);
    }

    private static int SkipCode(string s, int i)
    {
        var j = i;
        while (j < s.Length && (Numerals.IsAlnum(s[j]) || (s[j] is '-' or '_' && j + 1 < s.Length && Numerals.IsAlnum(s[j + 1]) && j > i)))
        {
            j++;
        }

        return j;
    }

    private static int SkipSpaces(string s, int j)
    {
        while (j < s.Length && s[j] == ' ')
        {
            j++;
        }

        return j;
    }

    /// <summary>Words that hold numerals but mean no number: 一下, 一起, 万一, 统一, 千万别, 十分满意, 便宜一点.</summary>
    private static bool IsIdiom(string s, int start, int end)
    {
        var length = end - start;
        var prev = start > 0 ? s[start - 1] : ' ';
        var after = end < s.Length ? s[end] : ' ';
        if (length == 1 && s[start] == '一')
        {
            if (prev is '万' or '统' or '唯' or '同' or '专' or '划' or '逐' or '单')
            {
                return true;
            }

            if (after is '下' or '起' or '样' or '直' or '些' or '般' or '定' or '旦' or '切' or '致' or '向' or '共' or '律' or '概' or '会' or '边' or '起' or '再' or '番' or '时' or '模')
            {
                return true;
            }

            if (after == '点' && (end + 1 >= s.Length || !(Numerals.IsNumeralChar(s[end + 1]) || s[end + 1] is '钟' or '半')))
            {
                return true;
            }
        }

        if (length == 1 && s[start] == '十' && after == '分' && (end + 1 >= s.Length || s[end + 1] != '钟'))
        {
            return true;
        }

        return length == 1 && s[start] == '三' && after == '星';
    }
}
