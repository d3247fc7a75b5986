using ServiceBot.Text.Segmentation;

namespace ServiceBot.Text.Tests;

public sealed class SegmenterModeTests
{
    private static JiebaSegmenter Segmenter => TextData.Default.Segmenter;

    [Theory]
    [InlineData("我来到北京清华大学", "我/来到/北京/清华大学")]
    [InlineData("他来到了网易杭研大厦", "他/来到/了/网易/杭研/大厦")]
    [InlineData("我要退货，怎么办？", "我要/退货/，/怎么办/？")]
    public void DefaultModeWithHmm_GivesJiebasWords(string text, string expected) =>
        Assert.Equal(expected, TextData.Join(Segmenter.Cut(text)));

    [Fact]
    public void DefaultModeWithoutHmm_LeavesUnknownWordsAsSingleCharacters() =>
        Assert.Equal("他/来到/了/网易/杭/研/大厦", TextData.Join(Segmenter.Cut("他来到了网易杭研大厦", hmm: false)));

    [Fact]
    public void FullMode_GivesEveryDictionaryWord() =>
        Assert.Equal("我/来到/北京/清华/清华大学/华大/大学", TextData.Join(Segmenter.Cut("我来到北京清华大学", SegmentMode.Full)));

    [Fact]
    public void SearchMode_AddsSubWordsOfLongWordsBeforeThem() =>
        Assert.Equal(
            "小明/硕士/毕业/于/中国/科学/学院/科学院/中国科学院/计算/计算所/，/后/在/日本/京都/大学/日本京都大学/深造",
            TextData.Join(Segmenter.Cut("小明硕士毕业于中国科学院计算所，后在日本京都大学深造", SegmentMode.Search)));

    [Fact]
    public void LatinLettersAndDigits_StayTogetherAsInJieba() =>
        Assert.Equal("iPhone15/退货/怎么弄", TextData.Join(Segmenter.Cut("iPhone15退货怎么弄")));

    [Fact]
    public void Whitespace_IsItsOwnTokenInDefaultMode() =>
        Assert.Equal("退货/ /流程", TextData.Join(Segmenter.Cut("退货 流程")));

    [Theory]
    [InlineData(SegmentMode.Default)]
    [InlineData(SegmentMode.Full)]
    [InlineData(SegmentMode.Search)]
    public void Tokenize_OffsetsPointAtTheWordsInTheText(SegmentMode mode)
    {
        const string text = "小明硕士毕业于中国科学院计算所，后在日本京都大学深造 iPhone15";
        var tokens = Segmenter.Tokenize(text, mode);

        Assert.NotEmpty(tokens);
        Assert.All(tokens, t => Assert.Equal(t.Word, text.Substring(t.Start, t.Length)));
    }

    [Fact]
    public void Tokenize_InDefaultMode_CoversTheTextWithoutGaps()
    {
        const string text = "他来到了网易杭研大厦，买了2台iPad！";
        var tokens = Segmenter.Tokenize(text);

        var position = 0;
        foreach (var token in tokens)
        {
            Assert.Equal(position, token.Start);
            position = token.End;
        }

        Assert.Equal(text.Length, position);
    }

    [Fact]
    public void SegmentIntoRanges_GivesTheSameWordsAsCut()
    {
        const string text = "我的快递三天了还没到，能帮我查一下物流吗";
        var ranges = new List<Range>();
        Segmenter.Segment(text, ranges);

        Assert.Equal(Segmenter.Cut(text), ranges.Select(r => text[r]));
    }

    [Fact]
    public void Cut_OfNullOrEmpty_IsEmpty()
    {
        Assert.Empty(Segmenter.Cut(null));
        Assert.Empty(Segmenter.Cut(""));
        Assert.Empty(Segmenter.Tokenize(null, SegmentMode.Search));
    }

    [Fact]
    public void Dictionary_ReportsTheLoadedBaseDictionary()
    {
        var info = Segmenter.Dictionary;

        Assert.True(Segmenter.DictionaryWordCount > 300_000, $"{Segmenter.DictionaryWordCount} words");
        Assert.True(File.Exists(info.DictionaryFile));
        Assert.True(Segmenter.Total > 0);
    }
}
