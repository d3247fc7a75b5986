using ServiceBot.Retrieval.Lexical;

namespace ServiceBot.Retrieval.Tests;

public sealed class TextSimilarityTests
{
    [Fact]
    public void DiceIsOneForTheSameTextIgnoringPunctuationAndCase()
    {
        Assert.Equal(1, TextSimilarity.CharBigramDice("怎么退货？", "怎么退货"));
        Assert.Equal(1, TextSimilarity.CharBigramDice("Track Order!", "track order"));
    }

    [Fact]
    public void DiceAndEditSimilarityOrderParaphrasesAboveUnrelatedText()
    {
        var near = TextSimilarity.CharBigramDice("如何更换手机号", "怎么更换手机号码");
        var far = TextSimilarity.CharBigramDice("如何更换手机号", "发票怎么开");
        Assert.True(near > far);
        Assert.True(TextSimilarity.EditSimilarity("如何更换手机号", "怎么更换手机号码") > TextSimilarity.EditSimilarity("如何更换手机号", "发票怎么开"));
    }

    [Fact]
    public void SimilaritiesOfEmptyTextAreZero()
    {
        Assert.Equal(0, TextSimilarity.CharBigramDice("", "退货"));
        Assert.Equal(0, TextSimilarity.EditSimilarity("?!", ""));
    }

    [Fact]
    public void FindsDigitRuns() => Assert.Equal(["7", "15"], TextSimilarity.Numbers("7天退货，15天换货"));

    [Fact]
    public void EditSimilarityHandlesLongTextWithoutOverflow() =>
        Assert.InRange(TextSimilarity.EditSimilarity(new string('a', 10_000), new string('a', 9_000)), 0.99, 1.0);
}
