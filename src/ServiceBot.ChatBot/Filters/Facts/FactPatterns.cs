using System.Text.RegularExpressions;

namespace ServiceBot.ChatBot.Filters.Facts;

/// <summary>
/// The patterns that find checkable statements, over text whose full-width forms were folded to
/// ASCII (same length, so offsets hold). Tried in the order <see cref="FactExtractor"/> lists them;
/// an earlier pattern's span is never re-read by a later one.
/// </summary>
internal static partial class FactPatterns
{
    // A number in digits (thousands separators, decimals) or Chinese numerals.
    private const string Num = @"(?:\d+(?:,\d{3})*(?:\.\d+)?|[零〇一二两三四五六七八九十百千万半]+)";

    // An English number word standing alone.
    private const string Word = "(?<![A-Za-z])" + Numerals.EnglishPattern + "(?![A-Za-z])";

    // A part of the day before a time: 晚上 makes 11:59 and 9点 evening times.
    private const string DayPart = "(?<period>凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|夜里|夜间)";

    private const string Sep = @"\s*(?:-|–|—|~|〜|至|到|to)\s*";

    private const int TimeoutMs = 1000;

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    /// <summary>Citation markers the generator writes: [1], [returns-how].</summary>
    [GeneratedRegex(@"\[(?:\d{1,3}|[A-Za-z0-9][A-Za-z0-9_.:#/-]{0,80})\]", Options, TimeoutMs)]
    public static partial Regex Citation();

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+", Options, TimeoutMs)]
    public static partial Regex Email();

    [GeneratedRegex(
        @"(?<![A-Za-z0-9@])(?:(?:https?://|www\.)[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]+"
        + @"|[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)*\.(?:com|cn|net|org|example|io|shop|co|info|app|top)(?![A-Za-z0-9-])(?:/[A-Za-z0-9\-._~/?#=&%]*)?)",
        Options,
        TimeoutMs)]
    public static partial Regex Url();

    [GeneratedRegex(
        @"(?<![\d+])(?:(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}"
        + @"|[48]00[\s-]?\d{3}[\s-]?\d{4}"
        + @"|(?:\(0\d{2,3}\)|0\d{2,3})[\s-]?\d{7,8}"
        + @"|0\d{2,3}[\s-]\d{3,4}[\s-]\d{4}"
        + @"|\+\d{1,3}(?:[\s-]?\(?\d{1,4}\)?)(?:[\s-]?\d{2,4}){2,4}"
        + @"|(?:1[\s-])?\(?\d{3}\)?[\s-]\d{3}[\s-]\d{4})(?!\d)",
        Options,
        TimeoutMs)]
    public static partial Regex Phone();

    /// <summary>Letters and at least three digits (LM20231118009, SF1402385567, WF-1000XM5), or nine digits and more.</summary>
    [GeneratedRegex(
        @"(?<![A-Za-z0-9-])(?:(?=[A-Za-z0-9-]*[A-Za-z])(?=(?:[A-Za-z-]*\d){3})[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9]){4,}|\d{9,})(?![A-Za-z0-9])",
        Options,
        TimeoutMs)]
    public static partial Regex Identifier();

    [GeneratedRegex(@"(?:" + DayPart + @"\s*)?(?<![\d:.])(?<h>[01]?\d|2[0-4]):(?<m>[0-5]\d)(?![\d:])", Options, TimeoutMs)]
    public static partial Regex ClockTime();

    [GeneratedRegex(
        DayPart + @"?\s*(?<h>" + Num + @")\s*[点點](?:\s*(?<m>" + Num + @")\s*分|(?<half>半)|(?<whole>整|钟))?",
        Options,
        TimeoutMs)]
    public static partial Regex ChineseTime();

    [GeneratedRegex(@"(?<![A-Za-z0-9:])(?<h>\d{1,2}|" + Numerals.EnglishPattern + @")(?::(?<m>[0-5]\d))?\s?(?<ap>a\.?m\.?|p\.?m\.?)(?![A-Za-z])|(?<![A-Za-z])(?<word>noon|midnight)(?![A-Za-z])", Options, TimeoutMs)]
    public static partial Regex EnglishTime();

    [GeneratedRegex(
        @"(?:(?<y>\d{4})\s*年\s*)?(?<m>" + Num + @")\s*月\s*(?<d>" + Num + @")\s*[日号號]"
        + @"|(?<y>\d{4})[-/.](?<m>\d{1,2})[-/.](?<d>\d{1,2})(?!\d)"
        + @"|每\s*个?\s*月\s*(?<d>" + Num + @")\s*[日号號]"
        + @"|(?<!\d)(?<y>\d{4})\s*年(?!\s*\d)",
        Options,
        TimeoutMs)]
    public static partial Regex ChineseDate();

    [GeneratedRegex(
        @"(?<![A-Za-z])(?<mn>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?\s+(?<d>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?<y>\d{4}))?(?![\d])"
        + @"|(?<![A-Za-z0-9])(?<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?<mn>January|February|March|April|May|June|July|August|September|October|November|December)(?:,?\s+(?<y>\d{4}))?(?![A-Za-z])"
        + @"|(?<![A-Za-z])(?:the\s+)?(?<dw>\d{1,2}(?:st|nd|rd|th)|first|second|third|fifth|tenth|fifteenth|twentieth|last)\s+(?:day\s+)?of\s+(?:each|every|the|a)\s+month(?![A-Za-z])",
        Options,
        TimeoutMs)]
    public static partial Regex EnglishDate();

    [GeneratedRegex(
        @"(?<cur>¥|RMB|CNY|US\$|\$|USD)\s?(?<num>\d+(?:,\d{3})*(?:\.\d+)?)(?:\s?(?<mul>万|千|k(?![A-Za-z])))?"
        + @"|(?<num>" + Num + @")\s?(?<cur>块)(?<jiao>[1-9一二两三四五六七八九])(?:毛|角)?(?![\d零〇一二两三四五六七八九十百千万点.:])"
        + @"|(?<num>" + Num + @")\s?(?<mul>万|千)?\s?(?<cur>元|块钱|块|人民币)"
        + @"|(?<![A-Za-z])(?<num>\d+(?:,\d{3})*(?:\.\d+)?|" + Numerals.EnglishCompoundPattern + @")\s?(?<cur>yuan|RMB|CNY|dollars?|USD|bucks)(?![A-Za-z])",
        Options,
        TimeoutMs)]
    public static partial Regex Amount();

    [GeneratedRegex(@"百分之(?<num>" + Num + ")|(?<num>" + Num + "|" + Word + @")\s?(?:%|percent(?![A-Za-z])|per\s?cent(?![A-Za-z]))", Options, TimeoutMs)]
    public static partial Regex Percent();

    [GeneratedRegex(@"(?<![\d.])(?<num>\d{1,2}(?:\.\d)?|[一二三四五六七八九]{1,2})\s?折", Options, TimeoutMs)]
    public static partial Regex Discount();

    [GeneratedRegex(@"(?<num>\d+(?:\.\d+)?|[一二两三四五六七八九十]+)\s?(?:倍|×|x(?![A-Za-z]))|(?<num>\d+(?:\.\d+)?|" + Word + @")\s+times(?![A-Za-z])", Options, TimeoutMs)]
    public static partial Regex Multiplier();

    [GeneratedRegex(
        @"(?<num>" + Num + ")(?:" + Sep + "(?<num2>" + Num + @"))?\s*(?<ge>个)?\s*(?<unit>工作日|自然日|天|日|小时|钟头|分钟|秒钟|秒|周|星期|礼拜|个月|月|年|季度)",
        Options,
        TimeoutMs)]
    public static partial Regex ChineseDuration();

    [GeneratedRegex(
        @"(?<![A-Za-z0-9.])(?<num>\d+(?:\.\d+)?|" + Numerals.EnglishPattern + @"|a|an)(?:" + Sep + @"(?<num2>\d+(?:\.\d+)?|" + Numerals.EnglishPattern + @"))?(?:\s+|-)(?:(?:business|working|calendar)\s+)?(?<unit>days?|hours?|hrs?|minutes?|mins?|seconds?|secs?|weeks?|months?|years?|yrs?)(?![A-Za-z])",
        Options,
        TimeoutMs)]
    public static partial Regex EnglishDuration();

    /// <summary>
    /// Numbers with a classifier (3次, 两张, 100积分), or a list of them sharing one (3、6、12期): the
    /// classifier keys the count, so "3次" is not supported by "3天" or "1–3个工作日". The classifiers
    /// of talk about the reply itself (两种方式, 三个步骤, 以下几点) are left out.
    /// </summary>
    [GeneratedRegex(@"(?<![\d.])(?<num>" + Num + @")(?:\s*[、,/或和及]\s*(?<num>" + Num + @"))*\s*(?<cls>积分|次|件|张|台|部|期|单|份|位|名|双|套|箱|盒|笔|枚|只)", Options, TimeoutMs)]
    public static partial Regex ChineseCount();

    /// <summary>
    /// English numbers before a noun (3 coupons, ten points), or a list of them (3, 6 or 12 instalments);
    /// the noun keys the count. Function words after the number leave it a plain number.
    /// </summary>
    [GeneratedRegex(
        @"(?<![A-Za-z0-9.,])(?<num>\d+(?:,\d{3})*|" + Numerals.EnglishPattern + @")(?:\s*(?:,|/|or|and|,\s*or|,\s*and)\s*(?<num>\d+(?:,\d{3})*|" + Numerals.EnglishPattern + @"))*\s+(?:(?:more|extra|additional|free|new|separate|different)\s+)?(?<noun>[A-Za-z][A-Za-z-]{1,30})(?![A-Za-z])",
        Options,
        TimeoutMs)]
    public static partial Regex EnglishCount();

    /// <summary>Ordinals and list markers, which state nothing: 第2步, 3rd, "1." at a line start.</summary>
    [GeneratedRegex(@"第\s*" + Num + @"|(?<![A-Za-z0-9])\d+(?:st|nd|rd|th)(?![A-Za-z])|(?m:^[ \t]*(?:[-*•][ \t]*)?\d{1,2}[.、)](?!\d))|[①②③④⑤⑥⑦⑧⑨⑩]", Options, TimeoutMs)]
    public static partial Regex Ordinal();

    /// <summary>Any other number in digits: compared by value with every number the sources write.</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9.])(?<num>\d+(?:,\d{3})*(?:\.\d+)?)(?![A-Za-z0-9])", Options, TimeoutMs)]
    public static partial Regex Number();

    /// <summary>A Latin word, with inner joiners (Wi-Fi, AT&amp;T, Care+).</summary>
    [GeneratedRegex(@"[A-Za-z][A-Za-z0-9]*(?:['&.-][A-Za-z0-9]+)*\+?", RegexOptions.CultureInvariant, TimeoutMs)]
    public static partial Regex LatinWord();
}
