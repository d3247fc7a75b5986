using System.Diagnostics;
using System.Globalization;
using ServiceBot.TaskBot.Extraction;

namespace ServiceBot.TaskBot.Tests.Extraction;

public sealed class DateTimeExtractorTests
{
    /// <summary>The reference "now" of dates.tsv: a Sunday morning in China.</summary>
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.FromHours(8));

    public static TheoryData<string, string> Rows() => TsvData.Load("dates.tsv");

    [Theory]
    [MemberData(nameof(Rows))]
    public void First_match_is_as_in_the_table(string text, string expected)
    {
        var matches = DateTimeExtractor.Extract(text, Now);

        Assert.Equal(expected, matches.Count == 0 ? "-" : Format(matches[0]));
    }

    [Fact]
    public void Start_and_length_point_at_the_matched_text()
    {
        const string text = "我明天下午3点半有空";

        var match = Assert.Single(DateTimeExtractor.Extract(text, Now));

        Assert.Equal("明天下午3点半", text.Substring(match.Start, match.Length));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 15, 30, 0, Now.Offset), match.Value);
        Assert.Equal(DateTimeGranularity.DateTime, match.Granularity);
        Assert.Null(match.End);
    }

    [Fact]
    public void A_range_ends_where_it_is_said_to()
    {
        const string text = "能五一前到吗";

        var match = Assert.Single(DateTimeExtractor.Extract(text, Now));

        Assert.Equal("五一前", text.Substring(match.Start, match.Length));
        Assert.Equal(Now, match.Value);
        Assert.Equal(new DateTimeOffset(2027, 5, 1, 0, 0, 0, Now.Offset), match.End);
        Assert.Equal(DateTimeGranularity.Range, match.Granularity);
    }

    [Fact]
    public void Several_dates_in_one_sentence()
    {
        const string text = "本来约的今天，改到下周三上午10点，或者 next Friday at 3pm";

        var matches = DateTimeExtractor.Extract(text, Now);

        Assert.Equal(["今天", "下周三上午10点", "next Friday at 3pm"], matches.Select(m => text.Substring(m.Start, m.Length)));
        Assert.Equal(["2026-11-22", "2026-11-25 10:00", "2026-11-27 15:00"], matches.Select(Format));
    }

    [Fact]
    public void The_offset_of_now_is_kept()
    {
        var now = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.FromHours(-5));

        var match = Assert.Single(DateTimeExtractor.Extract("tomorrow 3pm", now));

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.FromHours(-5)), match.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("我的订单号是LM20241108123")]
    [InlineData("便宜一点吧")]
    public void Text_without_dates_gives_nothing(string text) => Assert.Empty(DateTimeExtractor.Extract(text, Now));

    [Fact]
    public void Null_gives_nothing() => Assert.Empty(DateTimeExtractor.Extract(null!, Now));

    [Fact]
    public void Long_and_hostile_text_is_handled_quickly()
    {
        string[] texts =
        [
            new string('9', 10_000),
            new string('周', 10_000),
            string.Concat(Enumerable.Repeat("明天下午3点 ", 1_400)),
            string.Concat(Enumerable.Repeat("in 99999999 years ", 550)),
            string.Concat(Enumerable.Repeat("9999999999天后", 800)),
            string.Concat(Enumerable.Repeat("3/5/ 2025-13- 十二月三十二号 ", 400)),
        ];
        var watch = Stopwatch.StartNew();

        foreach (var text in texts)
        {
            _ = DateTimeExtractor.Extract(text, Now);
        }

        Assert.InRange(watch.ElapsedMilliseconds, 0, 2_000);
    }

    private static string Format(DateTimeMatch match) => match.Granularity switch
    {
        // The table shows a range by its first and last day; End itself is exclusive.
        DateTimeGranularity.Range => match.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".."
                                     + match.End!.Value.AddTicks(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeGranularity.Date => match.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => match.Value.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
    };
}
