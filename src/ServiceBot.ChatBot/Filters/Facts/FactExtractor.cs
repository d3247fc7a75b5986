using System.Globalization;
using System.Text.RegularExpressions;

namespace ServiceBot.ChatBot.Filters.Facts;

/// <summary>
/// Finds the checkable statements of a text (amounts, percentages, durations, times, dates, counts,
/// numbers, phones, emails, URLs, identifiers and names) with their canonical values, in Chinese and
/// English, so that "¥99", "99元" and "99 yuan", or "24小时" and "一天", compare equal.
/// </summary>
/// <remarks>
/// Each pattern claims its span, so a phone number is never also read as three numbers. Citation
/// markers, ordinals and list numbers are claimed without a fact: they state nothing. Thread-safe
/// (no state beyond the immutable rules); never throws for any text.
/// </remarks>
internal sealed class FactExtractor
{
    private const string StopChars = "的了是在和与及或等为把被给从向对您你我他她它们这那就也都还很会可能要请该本贵各其、，。！？；：,.!?;: \t\r\n";

    private readonly FactRules _rules;
    private readonly HashSet<string> _commonWords;
    private readonly HashSet<string> _countStopWords;

    public FactExtractor(FactRules rules)
    {
        _rules = rules;
        _commonWords = new HashSet<string>(rules.CommonWords, StringComparer.OrdinalIgnoreCase);
        _countStopWords = new HashSet<string>(rules.CountStopWords, StringComparer.OrdinalIgnoreCase);
    }

    public FactRules Rules => _rules;

    /// <summary>The facts of <paramref name="text"/>, in order of position.</summary>
    public List<Fact> Extract(string text)
    {
        var facts = new List<Fact>();
        if (string.IsNullOrEmpty(text))
        {
            return facts;
        }

        var folded = Fold(text);
        var claimed = new bool[folded.Length];
        try
        {
            Scan(FactPatterns.Citation(), folded, claimed, facts, static (_, _) => Claim);
            Scan(FactPatterns.Email(), folded, claimed, facts, static (m, _) => StringFact(FactKind.Email, m, m.Value.TrimEnd('.').ToLowerInvariant(), ".", 0));
            Scan(FactPatterns.Url(), folded, claimed, facts, static (m, _) => UrlFact(m));
            Scan(FactPatterns.Phone(), folded, claimed, facts, static (m, _) => PhoneFact(m));
            Scan(FactPatterns.Identifier(), folded, claimed, facts, static (m, _) => StringFact(FactKind.Identifier, m, m.Value.ToUpperInvariant(), "", 0));
            Scan(FactPatterns.ClockTime(), folded, claimed, facts, static (m, _) => ClockTime(m));
            Scan(FactPatterns.ChineseTime(), folded, claimed, facts, ChineseTime);
            Scan(FactPatterns.EnglishTime(), folded, claimed, facts, static (m, _) => EnglishTime(m));
            Scan(FactPatterns.ChineseDate(), folded, claimed, facts, static (m, _) => ChineseDate(m));
            Scan(FactPatterns.EnglishDate(), folded, claimed, facts, static (m, _) => EnglishDate(m));
            Scan(FactPatterns.Amount(), folded, claimed, facts, static (m, _) => Amount(m));
            Scan(FactPatterns.Percent(), folded, claimed, facts, static (m, _) => Simple(FactKind.Percent, m));
            Scan(FactPatterns.Discount(), folded, claimed, facts, static (m, _) => Discount(m));
            Scan(FactPatterns.Multiplier(), folded, claimed, facts, static (m, _) => Simple(FactKind.Multiplier, m));
            Scan(FactPatterns.ChineseDuration(), folded, claimed, facts, static (m, _) => ChineseDuration(m));
            Scan(FactPatterns.EnglishDuration(), folded, claimed, facts, EnglishDuration);
            Scan(FactPatterns.Ordinal(), folded, claimed, facts, static (_, _) => Claim);
            Scan(FactPatterns.ChineseCount(), folded, claimed, facts, static (m, _) => Count(m, m.Groups["cls"].Value));
            Scan(FactPatterns.EnglishCount(), folded, claimed, facts, EnglishCount);
            Scan(FactPatterns.Number(), folded, claimed, facts, static (m, _) => Simple(FactKind.Number, m));
            ListedNames(folded, claimed, facts);
            BrandNames(folded, claimed, facts);
            SuffixNames(folded, claimed, facts);
            LatinNames(folded, claimed, facts);
        }
        catch (RegexMatchTimeoutException)
        {
            // A pathological text: what was found so far stands; the rest is unchecked rather than fatal.
        }

        facts.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        return facts;
    }

    /// <summary>Full-width ASCII forms to ASCII, keeping the length (the Chinese comma stays, so "15，100" is not 15100).</summary>
    internal static string Fold(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            span[i] = c switch
            {
                '，' => c,
                >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
                '\u3000' => ' ',
                '\u301C' => '~',
                '\uFFE5' => '¥',
                _ => c,
            };
        }
    });

    // 能 ends a name only as part of 可能; a brand's product name runs through it (鹿鸣智能音箱).
    private static readonly string BrandStopChars = StopChars.Replace("能", "", StringComparison.Ordinal);

    /// <summary>The key of a duration in working days, which hours or weeks do not convert to.</summary>
    public const string WorkingDays = "working-days";

    /// <summary>The key of a duration in calendar days.</summary>
    public const string Days = "days";

    private static readonly Fact Claim = new(FactKind.Number, -1, 0, 0, 0, null, []);

    private delegate Fact? Builder(Match match, string text);

    private static void Scan(Regex regex, string text, bool[] claimed, List<Fact> facts, Builder build)
    {
        foreach (Match match in regex.Matches(text))
        {
            if (match.Length == 0 || IsClaimed(claimed, match.Index, match.Length))
            {
                continue;
            }

            var fact = build(match, text);
            if (fact is null)
            {
                continue;
            }

            var length = ReferenceEquals(fact, Claim) ? match.Length : fact.Length;
            var start = ReferenceEquals(fact, Claim) ? match.Index : fact.Start;
            Array.Fill(claimed, true, start, length);
            if (!ReferenceEquals(fact, Claim))
            {
                facts.Add(fact);
            }
        }
    }

    private static bool IsClaimed(bool[] claimed, int start, int length) => claimed.AsSpan(start, length).Contains(true);

    private static Fact StringFact(FactKind kind, Match m, string key, string trimEnd, int extra)
    {
        var length = m.Length - extra;
        while (length > 0 && trimEnd.Contains(m.Value[length - 1], StringComparison.Ordinal))
        {
            length--;
        }

        return new Fact(kind, m.Index, length, 0, 0, key, []);
    }

    private static Fact? UrlFact(Match m)
    {
        var value = m.Value;
        var length = value.Length;
        while (length > 0 && ".,;:!?)'\"]".Contains(value[length - 1], StringComparison.Ordinal))
        {
            length--;
        }

        return length < 4 ? null : new Fact(FactKind.Url, m.Index, length, 0, 0, NormalizeUrl(value[..length]), []);
    }

    /// <summary>Lower case, without scheme, <c>www.</c> or a trailing slash.</summary>
    internal static string NormalizeUrl(string url)
    {
        var u = url.ToLowerInvariant();
        foreach (var prefix in (ReadOnlySpan<string>)["https://", "http://"])
        {
            if (u.StartsWith(prefix, StringComparison.Ordinal))
            {
                u = u[prefix.Length..];
                break;
            }
        }

        if (u.StartsWith("www.", StringComparison.Ordinal))
        {
            u = u[4..];
        }

        return u.TrimEnd('/');
    }

    private static Fact? PhoneFact(Match m)
    {
        var digits = new string([.. m.Value.Where(char.IsAsciiDigit)]);
        if (digits.Length < 7)
        {
            return null;
        }

        if (digits.Length == 13 && digits.StartsWith("86", StringComparison.Ordinal))
        {
            digits = digits[2..];
        }

        return new Fact(FactKind.Phone, m.Index, m.Length, 0, 0, digits, []);
    }

    private static Fact Simple(FactKind kind, Match m)
    {
        var value = Numerals.Parse(m.Groups["num"].ValueSpan);
        return double.IsNaN(value) ? Claim : new Fact(kind, m.Index, m.Length, value, value, null, [value]);
    }

    // Every number of a list shares the classifier: "3、6、12期" states 3期, 6期 and 12期.
    private static Fact Count(Match m, string key)
    {
        var captures = m.Groups["num"].Captures;
        var values = new double[captures.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Numerals.Parse(captures[i].ValueSpan);
            if (double.IsNaN(values[i]))
            {
                return Claim;
            }
        }

        return new Fact(FactKind.Count, m.Index, m.Length, values.Min(), values.Max(), key, values);
    }

    // "3 coupons" is keyed by "coupon"; "3 of them", "two ways to" state no count of anything.
    private Fact? EnglishCount(Match m, string text)
    {
        // "those three areas" counts what was just listed, by the customer or the sources: it states nothing new.
        if (PrecededBy(text, m.Index, "those") || PrecededBy(text, m.Index, "these"))
        {
            return Claim;
        }

        var noun = m.Groups["noun"].Value.ToLowerInvariant();
        if (noun.Length > 3 && noun.EndsWith('s') && !noun.EndsWith("ss", StringComparison.Ordinal))
        {
            noun = noun[..^1];
        }

        return _countStopWords.Contains(noun) ? null : Count(m, noun);
    }

    private static Fact Discount(Match m)
    {
        // 九五折 reads digit by digit, as 95折 does: it is not "nine-five" summed.
        var num = m.Groups["num"].ValueSpan;
        var value = num.Length == 2 && Numerals.IsChineseNumeral(num[0]) && Numerals.IsChineseNumeral(num[1])
            ? (Numerals.Parse(num[..1]) * 10) + Numerals.Parse(num[1..])
            : Numerals.Parse(num);
        if (double.IsNaN(value))
        {
            return Claim;
        }

        // 95折 and 9.5折 are the same discount.
        while (value >= 10)
        {
            value /= 10;
        }

        return new Fact(FactKind.Discount, m.Index, m.Length, value, value, null, [value]);
    }

    // "晚上11:59" is 23:59.
    private static Fact? ClockTime(Match m)
    {
        var hour = InDayPart(m.Groups["period"].Value, int.Parse(m.Groups["h"].ValueSpan, CultureInfo.InvariantCulture));
        var minutes = (hour * 60) + int.Parse(m.Groups["m"].ValueSpan, CultureInfo.InvariantCulture);
        return new Fact(FactKind.Time, m.Index, m.Length, minutes, minutes, null, []);
    }

    /// <summary>The hour on a 24-hour clock of an hour said after a part of the day (下午3 is 15).</summary>
    private static int InDayPart(string period, int hour) => period switch
    {
        "下午" or "傍晚" or "晚上" or "夜里" or "夜间" when hour < 12 => hour + 12,
        "中午" when hour < 11 => hour + 12,
        _ => hour,
    };

    // A Chinese numeral before 点 is a time only when something says so: a part of the day, digits,
    // minutes, or what follows (前, 后, 到…); otherwise 一点 is "a little".
    private static Fact? ChineseTime(Match m, string text)
    {
        var hourText = m.Groups["h"].ValueSpan;
        var hour = Numerals.Parse(hourText);
        var end = m.Index + m.Length;
        var next = end < text.Length ? text[end] : '\0';
        var evidence = m.Groups["period"].Success || char.IsAsciiDigit(hourText[0]) || m.Groups["m"].Success || m.Groups["half"].Success
            || m.Groups["whole"].Success || "前后到至-~以之起".Contains(next, StringComparison.Ordinal);
        if (!evidence || double.IsNaN(hour) || hour > 24 || hour != Math.Floor(hour))
        {
            return null;
        }

        var minute = m.Groups["half"].Success ? 30 : m.Groups["m"].Success ? Numerals.Parse(m.Groups["m"].ValueSpan) : 0;
        if (double.IsNaN(minute))
        {
            minute = 0;
        }

        var period = m.Groups["period"].Value;
        var h = (int)hour;
        var start = m.Groups["period"].Success ? m.Groups["period"].Index : m.Groups["h"].Index;
        var length = end - start;
        if (period.Length == 0 && h is > 0 and < 12)
        {
            // 9点 without a part of the day reads as 9:00 or 21:00.
            return new Fact(FactKind.Time, start, length, (h * 60) + minute, ((h + 12) * 60) + minute, null, []);
        }

        var value = (InDayPart(period, h) * 60) + minute;
        return new Fact(FactKind.Time, start, length, value, value, null, []);
    }

    private static Fact? EnglishTime(Match m)
    {
        if (m.Groups["word"].Success)
        {
            var noon = m.Groups["word"].Value.Equals("noon", StringComparison.OrdinalIgnoreCase) ? 720 : 0;
            return new Fact(FactKind.Time, m.Index, m.Length, noon, noon, null, []);
        }

        var hour = Numerals.Parse(m.Groups["h"].ValueSpan);
        if (double.IsNaN(hour) || hour is < 1 or > 12)
        {
            return null;
        }

        var h = (int)hour;
        var pm = char.ToLowerInvariant(m.Groups["ap"].Value[0]) == 'p';
        h = pm ? (h == 12 ? 12 : h + 12) : (h == 12 ? 0 : h);
        var value = (h * 60) + (m.Groups["m"].Success ? int.Parse(m.Groups["m"].ValueSpan, CultureInfo.InvariantCulture) : 0);
        return new Fact(FactKind.Time, m.Index, m.Length, value, value, null, []);
    }

    private static Fact? ChineseDate(Match m)
    {
        var year = m.Groups["y"].Success ? m.Groups["y"].Value : "";
        var month = m.Groups["m"].Success ? Numerals.Parse(m.Groups["m"].ValueSpan) : double.NaN;
        var day = m.Groups["d"].Success ? Numerals.Parse(m.Groups["d"].ValueSpan) : double.NaN;
        if ((m.Groups["m"].Success && month is not (>= 1 and <= 12)) || (m.Groups["d"].Success && day is not (>= 1 and <= 31)))
        {
            return null;
        }

        return DateFact(m.Index, m.Length, year, month, day);
    }

    private static Fact? EnglishDate(Match m)
    {
        var month = m.Groups["mn"].Success ? MonthNumber(m.Groups["mn"].Value) : double.NaN;
        double day;
        if (m.Groups["dw"].Success)
        {
            var word = m.Groups["dw"].Value.ToLowerInvariant();
            day = word switch
            {
                "first" => 1,
                "second" => 2,
                "third" => 3,
                "fifth" => 5,
                "tenth" => 10,
                "fifteenth" => 15,
                "twentieth" => 20,
                "last" => 31,
                _ => double.Parse(word.AsSpan(0, word.Length - 2), CultureInfo.InvariantCulture),
            };
        }
        else
        {
            day = Numerals.Parse(m.Groups["d"].ValueSpan);
        }

        return day is >= 1 and <= 31 ? DateFact(m.Index, m.Length, m.Groups["y"].Success ? m.Groups["y"].Value : "", month, day) : null;
    }

    private static Fact DateFact(int start, int length, string year, double month, double day)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"{year}|{(double.IsNaN(month) ? "" : month.ToString(CultureInfo.InvariantCulture))}|{(double.IsNaN(day) ? "" : day.ToString(CultureInfo.InvariantCulture))}");
        return new Fact(FactKind.Date, start, length, 0, 0, key, []);
    }

    private static double MonthNumber(string name) => name.ToLowerInvariant()[..3] switch
    {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        _ => 12,
    };

    private static Fact Amount(Match m)
    {
        var value = Numerals.Parse(m.Groups["num"].ValueSpan);
        if (double.IsNaN(value))
        {
            return Claim;
        }

        // 9块9 is ¥9.9: the digit after 块 counts tenths (毛).
        var jiao = m.Groups["jiao"];
        if (jiao.Success)
        {
            value += Numerals.Parse(jiao.ValueSpan) / 10;
        }

        var surface = value;
        value *= m.Groups["mul"].Value switch
        {
            "万" => 10_000,
            "千" or "k" or "K" => 1000,
            _ => 1,
        };
        var currency = m.Groups["cur"].Value.ToLowerInvariant() switch
        {
            "$" or "us$" or "usd" or "dollar" or "dollars" or "bucks" => "USD",
            _ => "CNY",
        };
        return new Fact(FactKind.Amount, m.Index, m.Length, value, value, currency, [surface]);
    }

    private static Fact? ChineseDuration(Match m)
    {
        var unit = m.Groups["unit"].Value;
        var first = Numerals.Parse(m.Groups["num"].ValueSpan);
        if (double.IsNaN(first))
        {
            return Claim;
        }

        // "6月" without 个 names a month, not a length of time.
        if (unit == "月" && !m.Groups["ge"].Success)
        {
            return first is >= 1 and <= 12 && first == Math.Floor(first) && !m.Groups["num2"].Success
                ? DateFact(m.Index, m.Length, "", first, double.NaN)
                : Claim;
        }

        var factor = unit switch
        {
            "秒" or "秒钟" => 1.0 / 60,
            "分钟" => 1,
            "小时" or "钟头" => 60,
            "天" or "日" or "工作日" or "自然日" => 1440,
            "周" or "星期" or "礼拜" => 10_080,
            "月" or "个月" => 43_200,
            "季度" => 129_600,
            _ => 518_400,
        };
        var unitClass = unit switch
        {
            "工作日" => WorkingDays,
            "天" or "日" or "自然日" => Days,
            _ => null,
        };
        return Duration(m, first, factor, unitClass);
    }

    private static Fact? EnglishDuration(Match m, string text)
    {
        var numberText = m.Groups["num"].Value;
        if (numberText.Equals("a", StringComparison.OrdinalIgnoreCase) || numberText.Equals("an", StringComparison.OrdinalIgnoreCase))
        {
            // "within a year" states a length of time; "24 hours a day" does not.
            var before = PreviousWord(text, m.Index);
            if (before is not ("within" or "for" or "in" or "after" or "about" or "around" or "over" or "than" or "under" or "to" or "least"))
            {
                return null;
            }
        }

        var first = Numerals.Parse(numberText);
        if (double.IsNaN(first))
        {
            return Claim;
        }

        var unit = m.Groups["unit"].Value.ToLowerInvariant();
        var factor = unit[..2] switch
        {
            "se" => 1.0 / 60,
            "mi" => 1,
            "ho" or "hr" => 60,
            "da" => 1440,
            "we" => 10_080,
            "mo" => 43_200,
            _ => 518_400,
        };
        var unitClass = factor != 1440 ? null
            : m.Value.Contains("business", StringComparison.OrdinalIgnoreCase) || m.Value.Contains("working", StringComparison.OrdinalIgnoreCase) ? WorkingDays
            : Days;
        return Duration(m, first, factor, unitClass);
    }

    private static Fact Duration(Match m, double first, double factor, string? unitClass)
    {
        var second = m.Groups["num2"].Success ? Numerals.Parse(m.Groups["num2"].ValueSpan) : double.NaN;
        double[] surface = double.IsNaN(second) ? [first] : [first, second];
        return new Fact(FactKind.Duration, m.Index, m.Length, first * factor, (double.IsNaN(second) ? first : second) * factor, unitClass, surface);
    }

    private static string PreviousWord(string text, int index)
    {
        var end = index;
        while (end > 0 && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        var start = end;
        while (start > 0 && char.IsAsciiLetter(text[start - 1]))
        {
            start--;
        }

        return text[start..end].ToLowerInvariant();
    }

    private void ListedNames(string text, bool[] claimed, List<Fact> facts)
    {
        foreach (var name in _rules.Names)
        {
            if (name.Length == 0)
            {
                continue;
            }

            for (var at = text.IndexOf(name, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(name, at + name.Length, StringComparison.OrdinalIgnoreCase))
            {
                if (!IsClaimed(claimed, at, name.Length) && !(IsLatin(name) && TouchesLatin(text, at, name.Length)))
                {
                    Array.Fill(claimed, true, at, name.Length);
                    facts.Add(new Fact(FactKind.Name, at, name.Length, 0, 0, "name|" + name, []));
                }
            }
        }
    }

    // 鹿鸣 + the word it starts: 鹿鸣智能音箱 is a product name to check, 鹿鸣商城 a known one.
    private void BrandNames(string text, bool[] claimed, List<Fact> facts)
    {
        foreach (var brand in _rules.BrandPrefixes)
        {
            if (brand.Length == 0)
            {
                continue;
            }

            for (var at = text.IndexOf(brand, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(brand, at + brand.Length, StringComparison.OrdinalIgnoreCase))
            {
                var end = BrandRunEnd(text, at + brand.Length);
                if (end - at - brand.Length < 2 || IsClaimed(claimed, at, end - at))
                {
                    continue;
                }

                Array.Fill(claimed, true, at, end - at);
                facts.Add(new Fact(FactKind.Name, at, end - at, 0, 0, "brand|" + brand + "|" + text[at..end], []));
            }
        }
    }

    internal static int BrandRunEnd(string text, int from)
    {
        var end = from;
        while (end < text.Length && end - from < 8 && (IsCjk(text[end]) || char.IsLetterOrDigit(text[end])) && !BrandStopChars.Contains(text[end], StringComparison.Ordinal))
        {
            end++;
        }

        return end;
    }

    // 农业银行, 中通快递: the words before a name ending, up to a function word.
    private void SuffixNames(string text, bool[] claimed, List<Fact> facts)
    {
        foreach (var suffix in _rules.NameSuffixes)
        {
            if (suffix.Length == 0)
            {
                continue;
            }

            for (var at = text.IndexOf(suffix, StringComparison.Ordinal); at >= 0; at = text.IndexOf(suffix, at + suffix.Length, StringComparison.Ordinal))
            {
                var start = at;
                while (start > 0 && at - start < 6 && IsCjk(text[start - 1]) && !StopChars.Contains(text[start - 1], StringComparison.Ordinal))
                {
                    start--;
                }

                var end = at + suffix.Length;
                if (at - start < 2 || IsClaimed(claimed, start, end - start))
                {
                    continue;
                }

                Array.Fill(claimed, true, start, end - start);
                facts.Add(new Fact(FactKind.Name, start, end - start, 0, 0, "org|" + suffix + "|" + text[start..end], []));
            }
        }
    }

    // Latin words inside Chinese text, and capitalized or camel-cased words inside English text
    // (not at a sentence start), are names: they must come from the sources.
    private void LatinNames(string text, bool[] claimed, List<Fact> facts)
    {
        foreach (Match m in FactPatterns.LatinWord().Matches(text))
        {
            // A possessive names the same person or thing: "Li Hua's" is supported by "Li Hua".
            var word = m.Value.EndsWith("'s", StringComparison.OrdinalIgnoreCase) ? m.Value[..^2] : m.Value;
            if (word.Length < 2 || IsClaimed(claimed, m.Index, m.Length) || _commonWords.Contains(word.TrimEnd('+')))
            {
                continue;
            }

            var candidate = InChineseSentence(text, m.Index)
                || word.Skip(1).Any(char.IsUpper)
                || (char.IsUpper(word[0]) && !AtSentenceStart(text, m.Index));
            if (candidate)
            {
                facts.Add(new Fact(FactKind.Name, m.Index, m.Length, 0, 0, "word|" + word.ToLowerInvariant(), []));
            }
        }
    }

    private static bool PrecededBy(string text, int index, string word)
    {
        var end = index;
        while (end > 0 && text[end - 1] == ' ')
        {
            end--;
        }

        var start = end - word.Length;
        return end < index && start >= 0 && text.AsSpan(start, word.Length).Equals(word, StringComparison.OrdinalIgnoreCase)
            && (start == 0 || !char.IsAsciiLetter(text[start - 1]));
    }

    private static bool AtSentenceStart(string text, int index)
    {
        var i = index - 1;
        while (i >= 0 && (char.IsWhiteSpace(text[i]) && text[i] != '\n' || text[i] is '"' or '\'' or '“' or '‘' or '(' or '[' or '*' or '-' or '•' || char.IsAsciiDigit(text[i])))
        {
            // A list marker "1." counts as part of the start.
            if (char.IsAsciiDigit(text[i]) && i + 1 < text.Length && text[i + 1] is not ('.' or ')' or '、'))
            {
                return false;
            }

            i--;
        }

        // A full stop after digits ends a sentence too, whether a list number ("1. Open") or an order number's.
        return i < 0 || text[i] is '.' or '!' or '?' or ':' or ';' or '\n' or '。' or '！' or '？' or '：' or '；';
    }

    private static bool InChineseSentence(string text, int index)
    {
        var start = index;
        while (start > 0 && !IsSentenceEnd(text[start - 1]))
        {
            start--;
        }

        var end = index;
        while (end < text.Length && !IsSentenceEnd(text[end]))
        {
            end++;
        }

        int cjk = 0, latin = 0;
        for (var i = start; i < end; i++)
        {
            if (IsCjk(text[i]))
            {
                cjk++;
            }
            else if (char.IsAsciiLetter(text[i]))
            {
                latin++;
            }
        }

        return cjk * 3 >= latin;
    }

    private static bool IsSentenceEnd(char c) => c is '。' or '！' or '？' or '\n' or '!' or '?' or ';' or '；';

    internal static bool IsCjk(char c) => c is >= '\u3400' and <= '\u9fff' or >= '\uf900' and <= '\ufaff';

    private static bool IsLatin(string s) => s.Length > 0 && char.IsAsciiLetter(s[0]);

    private static bool TouchesLatin(string text, int at, int length) =>
        (at > 0 && char.IsAsciiLetterOrDigit(text[at - 1])) || (at + length < text.Length && char.IsAsciiLetterOrDigit(text[at + length]));
}
