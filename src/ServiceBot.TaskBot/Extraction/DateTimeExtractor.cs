namespace ServiceBot.TaskBot.Extraction;

/// <summary>
/// Finds dates, times of day and periods in Chinese and English customer text and resolves them against the
/// customer's "now" (明天下午3点半, 下周三, 3月5号, 五一前, 三天后, "tomorrow at 3:30 pm", "next Friday", "in two hours").
/// </summary>
/// <remarks>
/// Conventions, chosen because a customer-service turn has no way to ask back cheaply:
/// weeks start on Monday; a bare weekday (周三, "Friday", "on Friday", "this Friday") is the next one on or after today;
/// 这周五/本周日 are days of the current calendar week even when already past; 下周三 and "next Wednesday" are days of the
/// next calendar week; a month/day without a year that is already past is next year's; a time without a date is today's,
/// and an hour without 下午/晚上/pm stays as said (3点 is 03:00). A part of the day alone resolves to a fixed hour:
/// 凌晨 02:00, 早上/morning 08:00, 上午 09:00, 中午/noon 12:00, 下午/afternoon 15:00, 傍晚 18:00, 晚上/tonight 20:00.
/// 月底 is the last day of this month; 月初 is the 1st of this month up to the 10th, later the 1st of next month.
/// X前/"before X"/"by X" is the range from now to X; 周末 is Saturday and Sunday of the current week. 春节 and 中秋
/// (lunar dates) are not recognized.
/// </remarks>
public static class DateTimeExtractor
{
    private enum Daypart
    {
        None,
        EarlyMorning,
        Morning,
        Forenoon,
        Noon,
        Afternoon,
        Dusk,
        Night,
    }

    private enum Meridiem
    {
        None,
        Am,
        Pm,
    }

    /// <summary>Returns every match, in text order, without overlaps.</summary>
    public static IReadOnlyList<DateTimeMatch> Extract(string text, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var s = TextFold.Fold(text);
        var today = DateOnly.FromDateTime(now.DateTime);
        List<Part>? parts = null;
        var i = 0;
        while (i < s.Length)
        {
            var part = TryPart(s, i, now, today);
            if (part is not null)
            {
                (parts ??= []).Add(part);
                i = part.End;
            }
            else
            {
                i = Skip(s, i);
            }
        }

        if (parts is null)
        {
            return [];
        }

        var results = new List<DateTimeMatch>(parts.Count);
        for (var k = 0; k < parts.Count; k++)
        {
            var p = parts[k];
            while (k + 1 < parts.Count && TryMerge(s, p, parts[k + 1]))
            {
                k++;
            }

            results.Add(Resolve(s, p, now, today));
        }

        return results;
    }

    private static int Skip(string s, int i)
    {
        if (!Numerals.IsAlnum(s[i]))
        {
            return i + 1;
        }

        var j = i;
        while (j < s.Length && Numerals.IsAlnum(s[j]))
        {
            j++;
        }

        return j;
    }

    private static Part? TryPart(string s, int i, DateTimeOffset now, DateOnly today)
    {
        var c = s[i];
        if (Numerals.IsAlnum(c) && i > 0 && Numerals.IsAlnum(s[i - 1]))
        {
            return null;
        }

        if (Numerals.IsLetter(c))
        {
            return English.TryWords(s, i, now, today);
        }

        if (Numerals.IsDigit(c))
        {
            return DigitDates(s, i, today)
                ?? Chinese.TryNumberLed(s, i, now, today)
                ?? English.TryDigitLed(s, i, now, today);
        }

        return Numerals.IsNumeralChar(c) || c == '半'
            ? Chinese.TryNumberLed(s, i, now, today) ?? Chinese.TryWords(s, i, now, today)
            : Chinese.TryWords(s, i, now, today);
    }

    /// <summary>2025-03-05, 2025/3/5, 2025.3.5, 3/5/2025 and 3/5 (month first), 3.5 only next to 号/前 or after 在/于/到.</summary>
    private static Part? DigitDates(string s, int i, DateOnly today)
    {
        if (!ReadInt(s, i, 4, out var a, out var e1) || e1 >= s.Length - 1 || s[e1] is not ('-' or '/' or '.')
            || !ReadInt(s, e1 + 1, 2, out var b, out var e2))
        {
            return null;
        }

        var sep = s[e1];
        if (e1 - i == 4)
        {
            if (e2 >= s.Length - 1 || s[e2] != sep || !ReadInt(s, e2 + 1, 2, out var d, out var e3) || Glued(s, e3))
            {
                return null;
            }

            return MakeDate(i, e3, a, b, d);
        }

        if (e1 - i > 2 || sep == '-')
        {
            return null;
        }

        if (e2 < s.Length - 1 && s[e2] == '/' && ReadInt(s, e2 + 1, 4, out var y, out var e4) && e4 - e2 - 1 == 4 && !Glued(s, e4))
        {
            return MakeDate(i, e4, y, a, b);
        }

        if (Glued(s, e2) || (e2 < s.Length && s[e2] is '/' or '.'))
        {
            return null;
        }

        if (sep == '.')
        {
            var before = i > 0 ? s[i - 1] : ' ';
            var after = e2 < s.Length ? s[e2] : ' ';
            var dated = after is '号' or '日' or '前' || before is '在' or '于' or '到' || StartsWith(s, e2, "之前") || StartsWith(s, e2, "以前");
            if (!dated)
            {
                return null;
            }

            if (after is '号' or '日')
            {
                e2++;
            }
        }

        return MakeDate(i, e2, 0, a, b, today);
    }

    private static bool Glued(string s, int end) => end < s.Length && (Numerals.IsAlnum(s[end]) || (s[end] == '.' && end + 1 < s.Length && Numerals.IsDigit(s[end + 1])));

    private static Part? MakeDate(int start, int end, int year, int month, int day, DateOnly today = default)
    {
        if (month is < 1 or > 12 || day is < 1 or > 31)
        {
            return null;
        }

        if (year == 0)
        {
            // The next time this day comes round; 2月29号 waits for a leap year.
            year = today.Year;
            while (year < today.Year + 8 && (day > DateTime.DaysInMonth(year, month) || new DateOnly(year, month, day) < today))
            {
                year++;
            }
        }

        if (year is < 1900 or > 2200 || day > DateTime.DaysInMonth(year, month))
        {
            return null;
        }

        return new Part(start, end) { Date = new DateOnly(year, month, day) };
    }

    internal static bool ReadInt(string s, int i, int maxDigits, out int value, out int end)
    {
        value = 0;
        end = i;
        while (end < s.Length && Numerals.IsDigit(s[end]) && end - i < maxDigits)
        {
            value = (value * 10) + (s[end] - '0');
            end++;
        }

        return end > i && (end == s.Length || !Numerals.IsDigit(s[end]));
    }

    internal static bool StartsWith(string s, int i, string word) =>
        i >= 0 && i + word.Length <= s.Length && string.CompareOrdinal(s, i, word, 0, word.Length) == 0;

    /// <summary>Joins a date with the part of day and the time that follow it (明天 下午 3点, "3pm tomorrow").</summary>
    private static bool TryMerge(string s, Part p, Part q)
    {
        if (p.IsFixed || q.IsFixed || (p.Date is not null && q.Date is not null) || (p.HasTime && q.HasTime)
            || (p.Daypart != Daypart.None && q.Daypart != Daypart.None) || !IsSeparator(s, p.End, q.Start))
        {
            return false;
        }

        p.End = q.End;
        p.Date ??= q.Date;
        if (q.Daypart != Daypart.None)
        {
            p.Daypart = q.Daypart;
        }

        if (q.HasTime)
        {
            p.HasTime = true;
            p.Hour = q.Hour;
            p.Minute = q.Minute;
            p.Meridiem = q.Meridiem;
        }

        return true;
    }

    private static bool IsSeparator(string s, int from, int to)
    {
        var j = from;
        while (j < to && s[j] is ' ' or ',' or '，' or '的')
        {
            j++;
        }

        foreach (var word in (ReadOnlySpan<string>)["at ", "on ", "in the ", "around ", "about "])
        {
            if (StartsWith(s, j, word))
            {
                j += word.Length;
                break;
            }
        }

        while (j < to && s[j] == ' ')
        {
            j++;
        }

        return j == to;
    }

    private static DateTimeMatch Resolve(string s, Part p, DateTimeOffset now, DateOnly today)
    {
        if (p.RangeStart is { } rs)
        {
            return new(p.Start, p.End - p.Start, rs, p.RangeEnd, DateTimeGranularity.Range);
        }

        DateTimeOffset value;
        DateTimeGranularity granularity;
        if (p.Moment is { } moment)
        {
            value = moment;
            granularity = DateTimeGranularity.DateTime;
        }
        else
        {
            var midnight = new DateTimeOffset((p.Date ?? today).ToDateTime(TimeOnly.MinValue), now.Offset);
            if (!p.HasTime && p.Daypart == Daypart.None)
            {
                value = midnight;
                granularity = p.Date is null ? DateTimeGranularity.DateTime : DateTimeGranularity.Date;
            }
            else
            {
                var hour = p.HasTime ? Hour(p) : DefaultHour(p.Daypart);
                value = midnight.AddHours(hour).AddMinutes(p.HasTime ? p.Minute : 0);
                granularity = DateTimeGranularity.DateTime;
            }
        }

        // 五一前, 周五之前, "before Friday", "by March 5": from now until then.
        var start = p.Start;
        var end = p.End;
        var until = Until(s, ref start, ref end);
        return until && value > now
            ? new(start, end - start, now, value, DateTimeGranularity.Range)
            : new(p.Start, p.End - p.Start, value, null, granularity);
    }

    private static bool Until(string s, ref int start, ref int end)
    {
        foreach (var word in (ReadOnlySpan<string>)["之前", "以前", "前"])
        {
            if (StartsWith(s, end, word) && !StartsWith(s, end, "前天"))
            {
                end += word.Length;
                return true;
            }
        }

        foreach (var word in (ReadOnlySpan<string>)["before ", "by ", "until ", "till "])
        {
            if (StartsWith(s, start - word.Length, word) && (start - word.Length == 0 || !Numerals.IsLetter(s[start - word.Length - 1])))
            {
                start -= word.Length;
                return true;
            }
        }

        return false;
    }

    private static int Hour(Part p)
    {
        var h = p.Hour;
        if (p.Meridiem == Meridiem.Pm)
        {
            return h < 12 ? h + 12 : h;
        }

        if (p.Meridiem == Meridiem.Am)
        {
            return h == 12 ? 0 : h;
        }

        return p.Daypart switch
        {
            Daypart.Afternoon or Daypart.Dusk or Daypart.Night when h is >= 1 and <= 11 => h + 12,
            Daypart.Night when h == 12 => 24,
            Daypart.Noon when h is >= 1 and <= 5 => h + 12,
            Daypart.EarlyMorning when h == 12 => 0,
            _ => h,
        };
    }

    private static int DefaultHour(Daypart daypart) => daypart switch
    {
        Daypart.EarlyMorning => 2,
        Daypart.Morning => 8,
        Daypart.Forenoon => 9,
        Daypart.Noon => 12,
        Daypart.Afternoon => 15,
        Daypart.Dusk => 18,
        _ => 20,
    };

    private static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>Monday-based index (Monday 0 … Sunday 6).</summary>
    private static DateOnly Weekday(DateOnly today, int index, int? weekOffset) =>
        weekOffset is { } w
            ? MondayOf(today).AddDays((7 * w) + index)
            : today.AddDays((index - (((int)today.DayOfWeek + 6) % 7) + 7) % 7);

    private static DateTimeOffset Midnight(DateOnly day, DateTimeOffset now) => new(day.ToDateTime(TimeOnly.MinValue), now.Offset);

    private static Part RangeOf(int start, int end, DateOnly from, DateOnly to, DateTimeOffset now) =>
        new(start, end) { RangeStart = Midnight(from, now), RangeEnd = Midnight(to, now) };

    private static Part Week(int start, int end, DateOnly today, int offset, DateTimeOffset now)
    {
        var monday = MondayOf(today).AddDays(7 * offset);
        return RangeOf(start, end, monday, monday.AddDays(7), now);
    }

    private static Part Weekend(int start, int end, DateOnly today, int offset, DateTimeOffset now)
    {
        var saturday = MondayOf(today).AddDays((7 * offset) + 5);
        return RangeOf(start, end, saturday, saturday.AddDays(2), now);
    }

    private static Part Month(int start, int end, DateOnly today, int offset, DateTimeOffset now)
    {
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(offset);
        return RangeOf(start, end, first, first.AddMonths(1), now);
    }

    private static DateOnly Holiday(DateOnly today, int month, int day)
    {
        var date = new DateOnly(today.Year, month, day);
        return date < today ? date.AddYears(1) : date;
    }

    /// <summary>A duration from now: days and longer give a date, hours and minutes a moment; 内/within gives a range.</summary>
    private static Part Offset(int start, int end, decimal amount, char unit, int sign, bool within, DateTimeOffset now, DateOnly today)
    {
        var part = new Part(start, end);
        var whole = (int)Math.Min(amount, 100_000m);
        DateTimeOffset target;
        if (unit is 'h' or 'n')
        {
            var minutes = (double)amount * (unit == 'h' ? 60 : 1);
            target = now.AddMinutes(Math.Min(minutes, 10_000_000d) * sign);
            part.Moment = target;
        }
        else
        {
            var date = unit switch
            {
                'w' => today.AddDays(7 * whole * sign),
                'm' => today.AddMonths(Math.Min(whole, 1_000) * sign),
                'y' => today.AddYears(Math.Min(whole, 100) * sign),
                _ => today.AddDays(Math.Min(whole, 100_000) * sign),
            };
            part.Date = date;
            target = Midnight(date, now);
        }

        if (within)
        {
            part.Moment = null;
            part.Date = null;
            part.RangeStart = now;
            part.RangeEnd = unit is 'h' or 'n' ? target : target.AddDays(1);
        }

        return part;
    }

    /// <summary>What has been recognized at one place; merged with its neighbours before it is resolved.</summary>
    private sealed class Part(int start, int end)
    {
        public int Start { get; } = start;

        public int End { get; set; } = end;

        public DateOnly? Date { get; set; }

        public Daypart Daypart { get; set; }

        public bool HasTime { get; set; }

        public int Hour { get; set; }

        public int Minute { get; set; }

        public Meridiem Meridiem { get; set; }

        public DateTimeOffset? Moment { get; set; }

        public DateTimeOffset? RangeStart { get; set; }

        public DateTimeOffset? RangeEnd { get; set; }

        public bool IsFixed => Moment is not null || RangeStart is not null;

        public Part WithTime(int hour, int minute, Meridiem meridiem)
        {
            HasTime = true;
            Hour = hour;
            Minute = minute;
            Meridiem = meridiem;
            return this;
        }
    }

    /// <summary>Chinese expressions.</summary>
    private static class Chinese
    {
        private static readonly (string Word, int Days, Daypart Daypart)[] RelativeDays =
        [
            ("大后天", 3, Daypart.None), ("大前天", -3, Daypart.None), ("后天", 2, Daypart.None), ("前天", -2, Daypart.None),
            ("今天", 0, Daypart.None), ("今日", 0, Daypart.None), ("明天", 1, Daypart.None), ("明日", 1, Daypart.None),
            ("昨天", -1, Daypart.None), ("昨日", -1, Daypart.None), ("今早", 0, Daypart.Morning), ("今晚", 0, Daypart.Night),
            ("今夜", 0, Daypart.Night), ("明早", 1, Daypart.Morning), ("明晨", 1, Daypart.Morning), ("明晚", 1, Daypart.Night),
            ("昨晚", -1, Daypart.Night),
        ];

        private static readonly (string Word, Daypart Daypart)[] Dayparts =
        [
            ("凌晨", Daypart.EarlyMorning), ("早上", Daypart.Morning), ("早晨", Daypart.Morning), ("清晨", Daypart.Morning),
            ("上午", Daypart.Forenoon), ("中午", Daypart.Noon), ("下午", Daypart.Afternoon), ("傍晚", Daypart.Dusk),
            ("晚上", Daypart.Night), ("晚间", Daypart.Night), ("夜里", Daypart.Night), ("夜间", Daypart.Night),
        ];

        private static readonly (string Word, int? Weeks)[] WeekPrefixes =
        [
            ("下下个星期", 2), ("下下个礼拜", 2), ("下下星期", 2), ("下下礼拜", 2), ("下下周", 2),
            ("下个星期", 1), ("下个礼拜", 1), ("下星期", 1), ("下礼拜", 1), ("下周", 1),
            ("这个星期", 0), ("这个礼拜", 0), ("这星期", 0), ("这礼拜", 0), ("本星期", 0), ("这周", 0), ("本周", 0),
            ("上个星期", -1), ("上个礼拜", -1), ("上星期", -1), ("上礼拜", -1), ("上周", -1),
            ("星期", null), ("礼拜", null), ("周", null),
        ];

        private static readonly (string Word, int Months)[] MonthPrefixes =
        [
            ("下个月", 1), ("下月", 1), ("这个月", 0), ("本月", 0), ("这月", 0), ("当月", 0), ("上个月", -1), ("上月", -1),
        ];

        private static readonly (string Word, int Month, int Day)[] Holidays =
        [
            ("国庆节", 10, 1), ("国庆", 10, 1), ("元旦", 1, 1), ("劳动节", 5, 1), ("圣诞节", 12, 25), ("圣诞", 12, 25),
            ("平安夜", 12, 24), ("双十一", 11, 11), ("双11", 11, 11), ("双十二", 12, 12), ("双12", 12, 12),
            ("情人节", 2, 14), ("儿童节", 6, 1),
        ];

        public static Part? TryWords(string s, int i, DateTimeOffset now, DateOnly today)
        {
            foreach (var (word, days, daypart) in RelativeDays)
            {
                if (StartsWith(s, i, word))
                {
                    return new Part(i, i + word.Length) { Date = today.AddDays(days), Daypart = daypart };
                }
            }

            foreach (var (word, daypart) in Dayparts)
            {
                if (StartsWith(s, i, word))
                {
                    return new Part(i, i + word.Length) { Daypart = daypart };
                }
            }

            foreach (var (word, month, day) in Holidays)
            {
                if (StartsWith(s, i, word))
                {
                    return new Part(i, i + word.Length) { Date = Holiday(today, month, day) };
                }
            }

            var prev = i > 0 ? s[i - 1] : ' ';
            if (Numerals.IsNumeralChar(prev) || Numerals.IsDigit(prev) || prev == '个')
            {
                return null;
            }

            return Week(s, i, now, today) ?? Month(s, i, now, today);
        }

        private static Part? Week(string s, int i, DateTimeOffset now, DateOnly today)
        {
            foreach (var (word, weeks) in WeekPrefixes)
            {
                if (!StartsWith(s, i, word))
                {
                    continue;
                }

                var j = i + word.Length;
                var day = j < s.Length ? s[j] : ' ';
                var index = day switch
                {
                    '一' or '1' => 0,
                    '二' or '2' => 1,
                    '三' or '3' => 2,
                    '四' or '4' => 3,
                    '五' or '5' => 4,
                    '六' or '6' => 5,
                    '日' or '天' or '七' or '7' => 6,
                    '末' => 7,
                    _ => -1,
                };
                if (index == 7)
                {
                    return Weekend(i, j + 1, today, weeks ?? 0, now);
                }

                if (index >= 0 && !(j + 1 < s.Length && (Numerals.IsNumeralChar(s[j + 1]) || Numerals.IsDigit(s[j + 1]))))
                {
                    return new Part(i, j + 1) { Date = Weekday(today, index, weeks) };
                }

                // 下周, 这周: the whole week; a bare 周 is a unit (两周), not a date.
                return weeks is { } w ? DateTimeExtractor.Week(i, j, today, w, now) : null;
            }

            return null;
        }

        private static Part? Month(string s, int i, DateTimeOffset now, DateOnly today)
        {
            foreach (var (word, months) in MonthPrefixes)
            {
                if (!StartsWith(s, i, word))
                {
                    continue;
                }

                var j = i + word.Length;
                var first = new DateOnly(today.Year, today.Month, 1).AddMonths(months);
                if (j < s.Length && s[j] is '底' or '末')
                {
                    return new Part(i, j + 1) { Date = first.AddMonths(1).AddDays(-1) };
                }

                if (j < s.Length && s[j] == '初')
                {
                    return new Part(i, j + 1) { Date = first };
                }

                if (j < s.Length && Numerals.TryReadNumber(s, j, allowDecimal: false, out var d, out var e, out _)
                    && e < s.Length && s[e] is '号' or '日' && d >= 1 && d <= DateTime.DaysInMonth(first.Year, first.Month))
                {
                    return new Part(i, e + 1) { Date = first.AddDays((int)d - 1) };
                }

                return DateTimeExtractor.Month(i, j, today, months, now);
            }

            if (StartsWith(s, i, "月底") || StartsWith(s, i, "月末"))
            {
                return new Part(i, i + 2) { Date = new DateOnly(today.Year, today.Month, 1).AddMonths(1).AddDays(-1) };
            }

            if (StartsWith(s, i, "月初"))
            {
                var first = new DateOnly(today.Year, today.Month, 1);
                return new Part(i, i + 2) { Date = today.Day <= 10 ? first : first.AddMonths(1) };
            }

            return StartsWith(s, i, "年底") || StartsWith(s, i, "年末")
                ? new Part(i, i + 2) { Date = new DateOnly(today.Year, 12, 31) }
                : null;
        }

        /// <summary>Expressions that start with a number: 三天后, 2025年3月5日, 12月31号, 15号, 下午3点半's 3点半, 五一.</summary>
        public static Part? TryNumberLed(string s, int i, DateTimeOffset now, DateOnly today)
        {
            if (s[i] is '五' or '六' && i + 1 < s.Length && s[i + 1] == '一' && (i + 2 == s.Length || !Numerals.IsNumeralChar(s[i + 2]))
                && (i == 0 || !Numerals.IsNumeralChar(s[i - 1])))
            {
                return new Part(i, i + 2) { Date = Holiday(today, s[i] == '五' ? 5 : 6, 1) };
            }

            if (StartsWith(s, i, "十一") && (StartsWith(s, i + 2, "假") || StartsWith(s, i + 2, "长假") || StartsWith(s, i + 2, "期间") || StartsWith(s, i + 2, "黄金周")))
            {
                return new Part(i, i + 2) { Date = Holiday(today, 10, 1) };
            }

            // 2026年2月29日 that failed as a whole must not match again as 2月29日 or 29日.
            if (i > 0 && s[i - 1] is '年' or '月')
            {
                return null;
            }

            decimal n;
            int e;
            var usedChinese = true;
            if (s[i] == '半')
            {
                n = 0.5m;
                e = i + 1;
            }
            else if (!Numerals.TryReadNumber(s, i, allowDecimal: true, out n, out e, out usedChinese))
            {
                return null;
            }

            var duration = Duration(s, i, e, n, now, today);
            if (duration is not null || s[i] == '半' || n != decimal.Truncate(n) || e >= s.Length)
            {
                return duration;
            }

            var v = (int)Math.Min(n, 10_000m);
            return s[e] switch
            {
                '年' => YearMonthDay(s, i, e + 1, v),
                '月' => MonthDay(s, i, e + 1, 0, v, today),
                '号' or '日' when v is >= 1 and <= 31 && !IsNotADay(s, e + 1) => DayOfMonth(i, e + 1, v, today),
                '点' or '點' or '时' => Time(s, i, e, v, usedChinese),
                _ => null,
            };
        }

        private static Part? Duration(string s, int start, int e, decimal n, DateTimeOffset now, DateOnly today)
        {
            var j = e;
            var counted = j < s.Length && s[j] == '个';
            if (counted)
            {
                j++;
            }

            if (j < s.Length && s[j] == '半' && s[start] != '半')
            {
                n += 0.5m;
                j++;
            }

            char unit;
            if (StartsWith(s, j, "小时") || StartsWith(s, j, "钟头"))
            {
                unit = 'h';
                j += 2;
            }
            else if (StartsWith(s, j, "分钟"))
            {
                unit = 'n';
                j += 2;
            }
            else if (StartsWith(s, j, "星期") || StartsWith(s, j, "礼拜"))
            {
                unit = 'w';
                j += 2;
            }
            else if (j < s.Length && (s[j] is '天' or '日' or '周' or '年' || (s[j] == '月' && counted)))
            {
                unit = s[j] switch { '周' => 'w', '年' => 'y', '月' => 'm', _ => 'd' };
                j++;
            }
            else
            {
                return null;
            }

            foreach (var (word, sign) in (ReadOnlySpan<(string, int)>)[("以后", 1), ("之后", 1), ("后", 1), ("以内", 0), ("之内", 0), ("内", 0), ("以前", -1), ("之前", -1), ("前", -1)])
            {
                if (StartsWith(s, j, word))
                {
                    return Offset(start, j + word.Length, n, unit, sign == 0 ? 1 : sign, sign == 0, now, today);
                }
            }

            return null;
        }

        private static bool IsNotADay(string s, int j) =>
            j < s.Length && s[j] is '楼' or '线' or '门' or '房' or '床' or '机' or '位' or '窗' or '柜' or '店' or '桌' or '车' or '箱' or '馆' or '台' or '口' or '码' or '件' or '单' or '元';

        private static Part? DayOfMonth(int start, int end, int day, DateOnly today)
        {
            var month = new DateOnly(today.Year, today.Month, 1);
            for (var k = 0; k < 3; k++)
            {
                if (day <= DateTime.DaysInMonth(month.Year, month.Month) && month.AddDays(day - 1) >= today)
                {
                    return new Part(start, end) { Date = month.AddDays(day - 1) };
                }

                month = month.AddMonths(1);
            }

            return null;
        }

        private static Part? YearMonthDay(string s, int start, int j, int year)
        {
            if (year < 1900 || j >= s.Length || !Numerals.TryReadNumber(s, j, allowDecimal: false, out var m, out var e, out _) || e >= s.Length || s[e] != '月')
            {
                return null;
            }

            return MonthDay(s, start, e + 1, year, (int)Math.Min(m, 13m), default);
        }

        private static Part? MonthDay(string s, int start, int j, int year, int month, DateOnly today)
        {
            if (month is < 1 or > 12)
            {
                return null;
            }

            if (j < s.Length && Numerals.TryReadNumber(s, j, allowDecimal: false, out var d, out var e, out _)
                && e < s.Length && s[e] is '号' or '日')
            {
                return MakeDate(start, e + 1, year, month, (int)Math.Min(d, 32m), today);
            }

            if (j < s.Length && s[j] is '底' or '末' or '初')
            {
                var y = year != 0 ? year : today.Year + (month < today.Month ? 1 : 0);
                var first = new DateOnly(y, month, 1);
                return new Part(start, j + 1) { Date = s[j] == '初' ? first : first.AddMonths(1).AddDays(-1) };
            }

            return null;
        }

        private static Part? Time(string s, int start, int e, int hour, bool usedChinese)
        {
            if (hour > 24 || (s[e] == '时' && e > 0 && s[e - 1] == '小'))
            {
                return null;
            }

            var k = e + 1;
            var minute = 0;
            if (k < s.Length && s[k] == '半')
            {
                minute = 30;
                k++;
            }
            else if (StartsWith(s, k, "一刻") || StartsWith(s, k, "1刻"))
            {
                minute = 15;
                k += 2;
            }
            else if (StartsWith(s, k, "三刻") || StartsWith(s, k, "3刻"))
            {
                minute = 45;
                k += 2;
            }
            else if (k < s.Length && (Numerals.IsDigit(s[k]) || Numerals.IsNumeralChar(s[k]))
                     && Numerals.TryReadNumber(s, k, allowDecimal: false, out var mm, out var me, out var chineseMinutes) && mm < 60)
            {
                var withUnit = me < s.Length && s[me] == '分' && !StartsWith(s, me, "分钟");
                if (withUnit || (!chineseMinutes && me - k == 2) || (chineseMinutes && (mm >= 10 || s[k] is '零' or '〇')))
                {
                    minute = (int)mm;
                    k = withUnit ? me + 1 : me;
                }
            }

            if (k < s.Length && s[k] == '钟')
            {
                k++;
            }

            // 便宜一点, 快一点: "a little", not one o'clock.
            if (hour == 1 && usedChinese && k == e + 1 && start > 0
                && s[start - 1] is '快' or '早' or '晚' or '多' or '少' or '好' or '大' or '小' or '些' or '宜' or '慢' or '高' or '低' or '长' or '短' or '轻' or '重' or '近' or '远' or '有' or '差' or '点')
            {
                return null;
            }

            return new Part(start, k).WithTime(hour, minute, Meridiem.None);
        }
    }

    /// <summary>English expressions.</summary>
    private static class English
    {
        private static readonly (string Phrase, int Days, Daypart Daypart)[] RelativeDays =
        [
            ("the day after tomorrow", 2, Daypart.None), ("day after tomorrow", 2, Daypart.None),
            ("the day before yesterday", -2, Daypart.None), ("day before yesterday", -2, Daypart.None),
            ("today", 0, Daypart.None), ("tonight", 0, Daypart.Night), ("tomorrow", 1, Daypart.None), ("tmrw", 1, Daypart.None),
            ("tmr", 1, Daypart.None), ("yesterday", -1, Daypart.None), ("last night", -1, Daypart.Night),
            ("this morning", 0, Daypart.Morning), ("this afternoon", 0, Daypart.Afternoon), ("this evening", 0, Daypart.Night),
            ("morning", 0, Daypart.Morning), ("afternoon", 0, Daypart.Afternoon), ("evening", 0, Daypart.Night), ("night", 0, Daypart.Night),
        ];

        private static readonly string[] WeekdayNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

        private static readonly string[] MonthNames =
            ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

        public static Part? TryWords(string s, int i, DateTimeOffset now, DateOnly today)
        {
            foreach (var (phrase, days, daypart) in RelativeDays)
            {
                if (IsPhrase(s, i, phrase))
                {
                    var part = new Part(i, i + phrase.Length) { Daypart = daypart };
                    if (days != 0 || daypart == Daypart.None || phrase.Contains(' ', StringComparison.Ordinal) || phrase is "tonight")
                    {
                        part.Date = today.AddDays(days);
                    }

                    return part;
                }
            }

            if (IsPhrase(s, i, "noon") || IsPhrase(s, i, "midday"))
            {
                return new Part(i, i + (s[i + 1] == 'o' ? 4 : 6)).WithTime(12, 0, Meridiem.None);
            }

            if (IsPhrase(s, i, "midnight"))
            {
                return new Part(i, i + 8).WithTime(24, 0, Meridiem.None);
            }

            return Periods(s, i, now, today) ?? Weekday(s, i, today) ?? MonthFirst(s, i, today) ?? Within(s, i, now, today)
                ?? (EnglishNumbers.TryRead(s, i, out var n, out var e, out var ordinal) && !ordinal ? Ago(s, i, e, n, now, today) : null);
        }

        private static Part? Periods(string s, int i, DateTimeOffset now, DateOnly today)
        {
            var j = i;
            if (IsPhrase(s, j, "the end of ") || IsPhrase(s, j, "end of "))
            {
                j += s[j] == 't' ? 11 : 7;
                var months = IsPhrase(s, j, "next month") ? 1 : IsPhrase(s, j, "this month") || IsPhrase(s, j, "the month") ? 0 : IsPhrase(s, j, "month") ? 0 : -1;
                if (months < 0)
                {
                    return null;
                }

                var end = IsPhrase(s, j, "month") ? j + 5 : j + 10 - (s[j] == 't' && s[j + 1] == 'h' && s[j + 2] == 'e' ? 1 : 0);
                return new Part(i, end) { Date = new DateOnly(today.Year, today.Month, 1).AddMonths(months + 1).AddDays(-1) };
            }

            foreach (var (prefix, offset) in (ReadOnlySpan<(string, int)>)[("next ", 1), ("this ", 0), ("last ", -1), ("the ", 0)])
            {
                if (!IsPhrase(s, i, prefix.TrimEnd()) || !StartsWith(s, i, prefix))
                {
                    continue;
                }

                j = i + prefix.Length;
                if (IsPhrase(s, j, "week") && offset != 0 | prefix == "this ")
                {
                    return DateTimeExtractor.Week(i, j + 4, today, offset, now);
                }

                if (IsPhrase(s, j, "weekend"))
                {
                    return Weekend(i, j + 7, today, offset, now);
                }

                if (IsPhrase(s, j, "month") && offset != 0 | prefix == "this ")
                {
                    return DateTimeExtractor.Month(i, j + 5, today, offset, now);
                }
            }

            if (IsPhrase(s, i, "weekend"))
            {
                return Weekend(i, i + 7, today, 0, now);
            }

            if (IsPhrase(s, i, "christmas eve") || IsPhrase(s, i, "christmas"))
            {
                var eve = IsPhrase(s, i, "christmas eve");
                return new Part(i, i + (eve ? 13 : 9)) { Date = Holiday(today, 12, eve ? 24 : 25) };
            }

            if (IsPhrase(s, i, "new year's day") || IsPhrase(s, i, "new year"))
            {
                return new Part(i, i + (IsPhrase(s, i, "new year's day") ? 14 : 8)) { Date = Holiday(today, 1, 1) };
            }

            return null;
        }

        private static Part? Weekday(string s, int i, DateOnly today)
        {
            int? weeks = null;
            var j = i;
            foreach (var (prefix, offset) in (ReadOnlySpan<(string, int?)>)[("this coming ", null), ("coming ", null), ("next ", 1), ("this ", null), ("last ", -1)])
            {
                if (StartsWith(s, i, prefix))
                {
                    weeks = offset;
                    j = i + prefix.Length;
                    break;
                }
            }

            var index = WeekdayAt(s, j, out var end);
            return index < 0 ? null : new Part(i, end) { Date = DateTimeExtractor.Weekday(today, index, weeks) };
        }

        private static int WeekdayAt(string s, int j, out int end)
        {
            var we = EnglishNumbers.WordEnd(s, j);
            end = we;
            var word = s.AsSpan(j, we - j);
            for (var k = 0; k < WeekdayNames.Length; k++)
            {
                if (word.SequenceEqual(WeekdayNames[k]) || (word.Length > 0 && word[^1] == 's' && word[..^1].SequenceEqual(WeekdayNames[k])))
                {
                    return k;
                }
            }

            return word switch
            {
                "mon" => 0,
                "tue" or "tues" => 1,
                "wed" => 2,
                "thu" or "thur" or "thurs" => 3,
                "fri" => 4,
                _ => -1,
            };
        }

        /// <summary>Month name followed by the day: "March 5", "Mar 5th, 2025".</summary>
        private static Part? MonthFirst(string s, int i, DateOnly today)
        {
            var month = MonthAt(s, i, out var j);
            if (month == 0 || j >= s.Length - 1 || s[j] != ' ')
            {
                return null;
            }

            j++;
            if (StartsWith(s, j, "the "))
            {
                j += 4;
            }

            if (!ReadInt(s, j, 2, out var day, out var e))
            {
                return null;
            }

            e = SkipOrdinalSuffix(s, e);
            if (e < s.Length && Numerals.IsLetter(s[e]))
            {
                return null;
            }

            return WithYear(s, i, e, month, day, today);
        }

        /// <summary>"5 March", "5th of March, 2025".</summary>
        public static Part? DayFirst(string s, int i, int day, int e, DateOnly today)
        {
            e = SkipOrdinalSuffix(s, e);
            if (e >= s.Length - 1 || s[e] != ' ')
            {
                return null;
            }

            var j = e + 1;
            if (StartsWith(s, j, "of "))
            {
                j += 3;
            }

            var month = MonthAt(s, j, out var end);
            return month == 0 ? null : WithYear(s, i, end, month, day, today);
        }

        private static Part? WithYear(string s, int start, int e, int month, int day, DateOnly today)
        {
            var j = e;
            if (j < s.Length && s[j] == ',')
            {
                j++;
            }

            if (j < s.Length && s[j] == ' ')
            {
                j++;
            }

            if (j < s.Length && ReadInt(s, j, 4, out var year, out var ye) && ye - j == 4 && !Glued(s, ye))
            {
                return MakeDate(start, ye, year, month, day);
            }

            return MakeDate(start, e, 0, month, day, today);
        }

        private static int SkipOrdinalSuffix(string s, int e) =>
            e + 2 <= s.Length && s.AsSpan(e, 2) is "st" or "nd" or "rd" or "th" && (e + 2 == s.Length || !Numerals.IsLetter(s[e + 2])) ? e + 2 : e;

        private static int MonthAt(string s, int j, out int end)
        {
            var we = EnglishNumbers.WordEnd(s, j);
            end = we;
            var word = s.AsSpan(j, we - j);
            for (var k = 0; k < MonthNames.Length; k++)
            {
                if (word.SequenceEqual(MonthNames[k]) || (word.Length == 3 && MonthNames[k].AsSpan().StartsWith(word)) || (k == 8 && word is "sept"))
                {
                    if (we < s.Length && s[we] == '.')
                    {
                        end = we + 1;
                    }

                    return k + 1;
                }
            }

            return 0;
        }

        /// <summary>"in 3 days", "in two hours", "in half an hour", "within 3 days".</summary>
        private static Part? Within(string s, int i, DateTimeOffset now, DateOnly today)
        {
            var within = StartsWith(s, i, "within ");
            if (!within && !StartsWith(s, i, "in "))
            {
                return null;
            }

            var j = i + (within ? 7 : 3);
            decimal n;
            int e;
            if (StartsWith(s, j, "half an "))
            {
                n = 0.5m;
                e = j + 7;
            }
            else if (StartsWith(s, j, "a ") || StartsWith(s, j, "an "))
            {
                n = 1;
                e = j + (s[j + 1] == ' ' ? 1 : 2);
            }
            else if (!(j < s.Length && Numerals.IsDigit(s[j]) && Numerals.TryReadDigits(s, j, false, true, out n, out e))
                     && !(EnglishNumbers.TryRead(s, j, out n, out e, out var ordinal) && !ordinal))
            {
                return null;
            }

            var unit = Unit(s, e, out var end);
            return unit == '\0' ? null : Offset(i, end, n, unit, 1, within, now, today);
        }

        private static char Unit(string s, int e, out int end)
        {
            end = e;
            if (e >= s.Length - 1 || s[e] != ' ')
            {
                return '\0';
            }

            var we = EnglishNumbers.WordEnd(s, e + 1);
            end = we;
            return s.AsSpan(e + 1, we - e - 1) switch
            {
                "minute" or "minutes" or "min" or "mins" => 'n',
                "hour" or "hours" or "hr" or "hrs" => 'h',
                "day" or "days" => 'd',
                "week" or "weeks" => 'w',
                "month" or "months" => 'm',
                "year" or "years" => 'y',
                _ => '\0',
            };
        }

        /// <summary>"3 days ago", "two hours later", "2 weeks from now".</summary>
        private static Part? Ago(string s, int i, int e, decimal n, DateTimeOffset now, DateOnly today)
        {
            var unit = Unit(s, e, out var end);
            if (unit == '\0')
            {
                return null;
            }

            foreach (var (word, sign) in (ReadOnlySpan<(string, int)>)[(" ago", -1), (" later", 1), (" from now", 1), (" after", 1)])
            {
                if (IsPhrase(s, end, word))
                {
                    return Offset(i, end + word.Length, n, unit, sign, false, now, today);
                }
            }

            return null;
        }

        public static Part? TryDigitLed(string s, int i, DateTimeOffset now, DateOnly today)
        {
            if (!ReadInt(s, i, 4, out var n, out var e))
            {
                return null;
            }

            if (e - i <= 2 && DayFirst(s, i, n, e, today) is { } date)
            {
                return date;
            }

            if (Ago(s, i, e, n, now, today) is { } ago)
            {
                return ago;
            }

            if (e - i > 2 || n > 24)
            {
                return null;
            }

            var minute = 0;
            var k = e;
            var colon = k + 2 < s.Length && s[k] == ':' && ReadInt(s, k + 1, 2, out minute, out var me) && me - k == 3 && minute < 60;
            if (colon)
            {
                k += 3;
            }

            var j = k < s.Length && s[k] == ' ' ? k + 1 : k;
            var meridiem = Meridiem.None;
            if (IsPhrase(s, j, "am") || IsPhrase(s, j, "a.m.") || IsPhrase(s, j, "pm") || IsPhrase(s, j, "p.m."))
            {
                meridiem = s[j] == 'a' ? Meridiem.Am : Meridiem.Pm;
                k = j + (s[j + 1] == '.' ? 4 : 2);
            }
            else if (IsPhrase(s, j, "o'clock") || IsPhrase(s, j, "o’clock"))
            {
                k = j + 7;
            }
            else if (!colon && !(StartsWith(s, i - 3, "at ") && (i == 3 || !Numerals.IsLetter(s[i - 4]))))
            {
                return null;
            }

            if (meridiem != Meridiem.None && n is 0 or > 12)
            {
                return null;
            }

            return new Part(i, k).WithTime(n, minute, meridiem);
        }

        /// <summary>Whether <paramref name="phrase"/> is at <paramref name="i"/> and ends at a word boundary.</summary>
        private static bool IsPhrase(string s, int i, string phrase) =>
            StartsWith(s, i, phrase) && (i + phrase.Length == s.Length || !Numerals.IsLetter(s[i + phrase.Length]) || !Numerals.IsLetter(phrase[^1]));
    }
}
