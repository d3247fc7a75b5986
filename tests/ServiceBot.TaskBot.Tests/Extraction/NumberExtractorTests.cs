using System.Diagnostics;
using System.Globalization;
using ServiceBot.TaskBot.Extraction;

namespace ServiceBot.TaskBot.Tests.Extraction;

public sealed class NumberExtractorTests
{
    public static TheoryData<string, string> Rows() => TsvData.Load("numbers.tsv");

    [Theory]
    [MemberData(nameof(Rows))]
    public void First_match_is_as_in_the_table(string text, string expected)
    {
        var matches = NumberExtractor.Extract(text);

        Assert.Equal(expected, matches.Count == 0 ? "-" : Format(matches[0]));
    }

    [Fact]
    public void Start_and_length_point_at_the_matched_text()
    {
        const string text = "麻烦退三百五十块给我";

        var match = Assert.Single(NumberExtractor.Extract(text));

        Assert.Equal("三百五十块", text.Substring(match.Start, match.Length));
        Assert.Equal(350m, match.Value);
        Assert.Equal(NumberKind.Amount, match.Kind);
        Assert.Equal("CNY", match.Currency);
    }

    [Fact]
    public void Full_width_text_keeps_its_offsets()
    {
        const string text = "共１，２００元";

        var match = Assert.Single(NumberExtractor.Extract(text));

        Assert.Equal("１，２００元", text.Substring(match.Start, match.Length));
        Assert.Equal(1200m, match.Value);
    }

    [Fact]
    public void Every_number_in_a_sentence_is_found_in_order()
    {
        const string text = "买了两件，每件$20，第三件打八折，一共省了百分之二十";

        var matches = NumberExtractor.Extract(text);

        Assert.Equal(["两", "$20", "第三", "八", "百分之二十"], matches.Select(m => text.Substring(m.Start, m.Length)));
        Assert.Equal([2m, 20m, 3m, 8m, 20m], matches.Select(m => m.Value));
        Assert.Equal([NumberKind.Number, NumberKind.Amount, NumberKind.Ordinal, NumberKind.Number, NumberKind.Percent], matches.Select(m => m.Kind));
    }

    [Fact]
    public void English_sentence_with_several_numbers()
    {
        const string text = "I ordered three items on the 2nd and paid 1,200.50 dollars";

        var matches = NumberExtractor.Extract(text);

        Assert.Equal(["three", "2nd", "1,200.50 dollars"], matches.Select(m => text.Substring(m.Start, m.Length)));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("没有数字")]
    [InlineData("LM2024 iPhone15")]
    public void Text_without_numbers_gives_nothing(string text) => Assert.Empty(NumberExtractor.Extract(text));

    [Fact]
    public void Null_gives_nothing() => Assert.Empty(NumberExtractor.Extract(null!));

    [Fact]
    public void Long_and_hostile_text_is_handled_quickly()
    {
        string[] texts =
        [
            new string('9', 10_000),
            new string('亿', 10_000),
            new string('一', 10_000),
            string.Concat(Enumerable.Repeat("三百五十块 1,2 LM20 $ 第 百分之 ", 400)),
            string.Concat(Enumerable.Repeat("one hundred and ", 700)),
            string.Concat(Enumerable.Repeat("九千九百九十九亿", 1_300)),
        ];
        var watch = Stopwatch.StartNew();

        foreach (var text in texts)
        {
            _ = NumberExtractor.Extract(text);
        }

        Assert.InRange(watch.ElapsedMilliseconds, 0, 2_000);
    }

    private static string Format(NumberMatch match)
    {
        var value = match.Value.ToString("0.##########", CultureInfo.InvariantCulture);
        return match.Kind == NumberKind.Number
            ? value
            : string.Join(' ', new[] { value, match.Kind.ToString(), match.Currency }.Where(p => p is not null));
    }
}
