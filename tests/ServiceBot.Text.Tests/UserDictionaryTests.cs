namespace ServiceBot.Text.Tests;

/// <summary>User words change segmentation as jieba's add_word, del_word, suggest_freq and load_userdict do.</summary>
public sealed class UserDictionaryTests
{
    [Fact]
    public void AddedWordComesOutWhole()
    {
        using var analysis = TextData.Fresh();
        var segmenter = analysis.Segmenter;
        Assert.Equal("鹿鸣/Pro/耳机/的/退货/流程/是/什么", TextData.Join(segmenter.Cut("鹿鸣Pro耳机的退货流程是什么")));

        segmenter.AddWord("鹿鸣Pro");

        Assert.Equal("鹿鸣Pro/耳机/的/退货/流程/是/什么", TextData.Join(segmenter.Cut("鹿鸣Pro耳机的退货流程是什么")));
        Assert.Equal(1, segmenter.UserWordCount);
    }

    [Fact]
    public void RemovedWordIsSplitEvenByTheHmm()
    {
        using var analysis = TextData.Fresh();
        var segmenter = analysis.Segmenter;

        segmenter.RemoveWord("退货");

        Assert.Equal("我要/退/货", TextData.Join(segmenter.Cut("我要退货")));
        Assert.Equal("我/要/退/货", TextData.Join(segmenter.Cut("我要退货", hmm: false)));
        Assert.Equal(0, segmenter.GetFrequency("退货"));
    }

    [Fact]
    public void SuggestedFrequencySplitsOrJoinsAsInJieba()
    {
        using var analysis = TextData.Fresh();
        var segmenter = analysis.Segmenter;
        Assert.Equal("如果/放到/post/中将/出错/。", TextData.Join(segmenter.Cut("如果放到post中将出错。", hmm: false)));

        Assert.Equal(494, segmenter.SuggestFrequency(["中", "将"], tune: true));
        Assert.Equal(69, segmenter.SuggestFrequency("台中", tune: true));

        Assert.Equal("如果/放到/post/中/将/出错/。", TextData.Join(segmenter.Cut("如果放到post中将出错。", hmm: false)));
        Assert.Equal("「/台中/」/正确/应该/不会/被/切开", TextData.Join(segmenter.Cut("「台中」正确应该不会被切开", hmm: false)));
    }

    [Fact]
    public void UserDictionaryFile_AddsWordsWithFrequencyAndTag()
    {
        using var analysis = TextData.Fresh();
        var segmenter = analysis.Segmenter;
        const string file = "# shop words\n\n鹿鸣耳机 20 nz\n无忧退 5\n极速达\n";

        var count = segmenter.LoadUserDictionary(new StringReader(file), "shop.txt");

        Assert.Equal(3, count);
        Assert.Equal(20, segmenter.GetFrequency("鹿鸣耳机"));
        Assert.Equal("nz", segmenter.GetTag("鹿鸣耳机"));
        Assert.Equal("鹿鸣耳机/支持/无忧退/吗", TextData.Join(segmenter.Cut("鹿鸣耳机支持无忧退吗")));
        Assert.Equal("极速达/几天/到", TextData.Join(segmenter.Cut("极速达几天到")));
    }

    [Fact]
    public void UserDictionaryFile_WithABadFrequency_NamesTheLineAndAddsNothing()
    {
        using var analysis = TextData.Fresh();
        var segmenter = analysis.Segmenter;

        var error = Assert.Throws<InvalidDataException>(() => segmenter.LoadUserDictionary(new StringReader("好词 3\n坏词 99999999999999999999999\n"), "bad.txt"));

        Assert.StartsWith("bad.txt:2:", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, segmenter.UserWordCount);
    }

    [Fact]
    public void UserWordsOfOneInstance_DoNotReachAnother()
    {
        using var first = TextData.Fresh();
        using var second = TextData.Fresh();

        first.Segmenter.AddWord("鹿鸣Pro");

        Assert.Equal("鹿鸣/Pro", TextData.Join(second.Segmenter.Cut("鹿鸣Pro")));
    }
}
