using ServiceBot.Text.Segmentation;

namespace ServiceBot.Text.Tests;

/// <summary>English, digits, symbols and full-width forms among Chinese, in every mode, as jieba 0.42.1 segments them.</summary>
public sealed class MixedTextTests
{
    private const string Mixed = "Hello world, 我用iPhone 15 Pro Max买了3.5kg的C++书, 打了50%折";

    private static JiebaSegmenter Segmenter => TextData.Default.Segmenter;

    [Fact]
    public void DefaultMode_KeepsDecimalsPercentagesAndCPlusPlusTogether() =>
        Assert.Equal(
            "Hello/ /world/,/ /我用/iPhone/ /15/ /Pro/ /Max/买/了/3.5/kg/的/C++/书/,/ /打/了/50%/折",
            TextData.Join(Segmenter.Cut(Mixed)));

    [Fact]
    public void DefaultModeWithoutHmm_GluesOnlyLettersAndDigits() =>
        Assert.Equal(
            "Hello/ /world/,/ /我/用/iPhone/ /15/ /Pro/ /Max/买/了/3/./5kg/的/C++/书/,/ /打/了/50/%/折",
            TextData.Join(Segmenter.Cut(Mixed, hmm: false)));

    [Fact]
    public void FullMode_YieldsEmptyWordsAroundSpacesAsJiebaDoes() =>
        Assert.Equal(
            "Hello// //world/,/ //我/用/iPhone// //15// //Pro// //Max/买/了/3/./5kg/的/C++/书/,/ //打/了/50/%/折",
            TextData.Join(Segmenter.Cut(Mixed, SegmentMode.Full)));

    [Theory]
    [InlineData("订单号A123-456已发货", "订单号/A123/-/456/已/发货", "订单/单号/订单号/A123/-/456/已/发货")]
    [InlineData("email: bob@example.com 退款", "email/:/ /bob/@/example/./com/ /退款", "email/:/ /bob/@/example/./com/ /退款")]
    [InlineData("version 2.0.1 升级失败", "version/ /2.0/./1/ /升级/失败", "version/ /2.0/./1/ /升级/失败")]
    public void OrderNumbersEmailsAndVersions_SegmentAsInJieba(string text, string defaultMode, string searchMode)
    {
        Assert.Equal(defaultMode, TextData.Join(Segmenter.Cut(text)));
        Assert.Equal(searchMode, TextData.Join(Segmenter.Cut(text, SegmentMode.Search)));
    }

    [Fact]
    public void FullWidthLatin_IsLeftCharacterByCharacterInDefaultModeAsInJieba()
    {
        // jieba does not fold widths; the analyzer normalizes before segmenting, the segmenter does not.
        Assert.Equal("ｉ/Ｐ/ｈ/ｏ/ｎ/ｅ/１/５/怎么/退货", TextData.Join(Segmenter.Cut("ｉＰｈｏｎｅ１５怎么退货")));
        Assert.Equal("ｉＰｈｏｎｅ１５/怎么/退货", TextData.Join(Segmenter.Cut("ｉＰｈｏｎｅ１５怎么退货", SegmentMode.Full)));
    }

    [Fact]
    public void EnglishOnly_SplitsAtSpacesAndPunctuation() =>
        Assert.Equal("I/ /want/ /a/ /refund/,/ /please/!", TextData.Join(Segmenter.Cut("I want a refund, please!")));

    [Fact]
    public void CharactersOutsideTheBmp_StayWholeBetweenWords() =>
        Assert.Equal("😀/退货/🀄/流程/𠀀", TextData.Join(Segmenter.Cut("😀退货🀄流程𠀀")));
}
