using ServiceBot.Text.Normalization;

namespace ServiceBot.Text.Tests;

/// <summary>Normalization folds width, case and script, drops invisible characters, and maps every offset back.</summary>
public sealed class NormalizationTests
{
    private static TextNormalizer Normalizer => TextData.Default.Normalizer;

    [Fact]
    public void FullWidthAndUpperCase_FoldToHalfWidthLowerCase_InPlace()
    {
        var result = Normalizer.Normalize("ｉＰｈｏｎｅ１５退货");

        Assert.Equal("iphone15退货", result.Text);
        Assert.Null(result.OffsetMap);
    }

    [Fact]
    public void TraditionalChinese_BecomesSimplified()
    {
        var result = Normalizer.Normalize("請問這個訂單怎麼退貨");

        Assert.Equal("请问这个订单怎么退货", result.Text);
    }

    [Fact]
    public void RemovedCharactersAndCollapsedSpaces_MapBackToTheOriginal()
    {
        const string original = "  退\u200b货   流程\u0007 ";

        var result = Normalizer.Normalize(original);

        Assert.Equal("退货 流程", result.Text);
        Assert.NotNull(result.OffsetMap);
        Assert.Equal("退\u200b货", Original(result, 0, 2));
        Assert.Equal("货", Original(result, 1, 1));
        Assert.Equal("   ", Original(result, 2, 1));
        Assert.Equal("流程", Original(result, 3, 2));
    }

    [Fact]
    public void RemovedCharacters_BelongToTheSpanBeforeThem()
    {
        // A span ends where the next kept character starts, so a removed character between two
        // words is highlighted with the first one.
        var result = Normalizer.Normalize("退\u200b货");

        Assert.Equal("退货", result.Text);
        Assert.Equal("退\u200b", Original(result, 0, 1));
        Assert.Equal("货", Original(result, 1, 1));
    }

    [Fact]
    public void LoneSurrogates_AreRemoved()
    {
        var result = Normalizer.Normalize("\ud800退货\udc00");

        Assert.Equal("退货", result.Text);
        Assert.Equal("退货", Original(result, 0, 2));
    }

    [Fact]
    public void WordsOfTheNormalizedText_PointAtTheOriginalWords()
    {
        const string original = "ＶＩＰ 會員\u200d怎麼 退款？";
        var normalized = Normalizer.Normalize(original);
        var tokens = TextData.Default.Segmenter.Tokenize(normalized.Text);

        var back = tokens.Select(t => normalized.ToOriginalSpan(t.Start, t.Length)).Select(s => original.Substring(s.Start, s.Length)).ToList();

        Assert.Equal("vip 会员怎么 退款?", normalized.Text);
        Assert.Contains("會員\u200d", back);
        Assert.Contains("ＶＩＰ", back);
        Assert.Contains("退款", back);
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("\u0000\u0001\u0002", "")]
    [InlineData("😀退货", "😀退货")]
    public void BadOrOddInput_NeverThrows(string? text, string expected) =>
        Assert.Equal(expected, Normalizer.Normalize(text).Text);

    private static string Original(NormalizedText result, int start, int length)
    {
        var (s, l) = result.ToOriginalSpan(start, length);
        return result.Original.Substring(s, l);
    }
}
