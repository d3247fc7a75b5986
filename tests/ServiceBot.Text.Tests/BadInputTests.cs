using System.Text;
using ServiceBot.Text.Segmentation;

namespace ServiceBot.Text.Tests;

/// <summary>Any string is accepted: nothing throws, and the words still cover the text.</summary>
public sealed class BadInputTests
{
    private static JiebaSegmenter Segmenter => TextData.Default.Segmenter;

    public static TheoryData<string> Texts => new()
    {
        "",
        " ",
        "\ud800abc退货",
        "退货\udc00流程",
        "\udc00\ud800",
        "\u0000\u0007退货\u001b流程\t\r\n查询",
        "\u200b\u200d\ufeff退货\ufffe\uffff",
        new string('。', 300),
        new string('a', 5000),
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void EveryMode_AcceptsTheText_AndDefaultModeCoversIt(string text)
    {
        foreach (var mode in new[] { SegmentMode.Default, SegmentMode.Full, SegmentMode.Search })
        {
            foreach (var hmm in new[] { true, false })
            {
                Assert.NotNull(Segmenter.Cut(text, mode, hmm));
                Assert.NotNull(Segmenter.Tokenize(text, mode, hmm));
            }
        }

        Assert.Equal(text, string.Concat(Segmenter.Cut(text)));
        Assert.Equal(text, string.Concat(Segmenter.Cut(text, hmm: false)));
    }

    [Fact]
    public void LoneSurrogates_AreWordsOfTheirOwn()
    {
        Assert.Equal("\ud800/abc/退货", TextData.Join(Segmenter.Cut("\ud800abc退货")));
        Assert.Equal("退货/\udc00/流程", TextData.Join(Segmenter.Cut("退货\udc00流程")));
    }

    [Fact]
    public void ControlCharacters_AreWordsOfTheirOwnAndCrLfIsOne() =>
        Assert.Equal(
            ["\u0000", "\u0007", "退货", "\u001b", "流程", "\t", "\r\n", "查询"],
            Segmenter.Cut("\u0000\u0007退货\u001b流程\t\r\n查询"));

    [Fact]
    public void OneMegabyteLine_IsSegmentedWhole()
    {
        var builder = new StringBuilder();
        while (builder.Length < 1 << 20)
        {
            builder.Append("我的订单怎么还没发货，能帮我查一下吗？iPhone15退货流程，中国科学院计算所 ");
        }

        var text = builder.ToString();

        var words = Segmenter.Cut(text);
        var search = Segmenter.Cut(text, SegmentMode.Search);
        var full = Segmenter.Cut(text, SegmentMode.Full);

        Assert.Equal(text, string.Concat(words));
        Assert.True(search.Count > words.Count);
        Assert.True(full.Count > words.Count);
    }

    [Fact]
    public void OneMegabyteHanBlock_IsSegmentedWhole()
    {
        // No punctuation at all: one block for the route and one long run for the HMM.
        var text = string.Concat(Enumerable.Repeat("杭研鹿鸣极速达", (1 << 20) / 7));

        var words = Segmenter.Cut(text);

        Assert.Equal(text, string.Concat(words));
    }
}
