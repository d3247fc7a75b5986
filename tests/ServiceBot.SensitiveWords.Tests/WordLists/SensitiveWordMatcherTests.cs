using System.Text;
using ServiceBot.Abstractions.Bots;
using ServiceBot.SensitiveWords.WordLists;

namespace ServiceBot.SensitiveWords.Tests.WordLists;

public sealed class SensitiveWordMatcherTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sb-words-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }

    [Fact]
    public void ReadsWordsWithTheirOwnOrTheListsCategory()
    {
        var path = Write("words.txt", "敏感\n傻瓜\tabuse\n\n# a comment\n   \n刷单返利\tFraud\r\n");

        var matcher = SensitiveWordMatcher.Load([new WordListSource(path, "politics")]);

        var matches = matcher.Find("你这傻瓜，敏感话题，刷单返利");
        Assert.Equal([("傻瓜", "abuse"), ("敏感", "politics"), ("刷单返利", "fraud")], matches.Select(m => (m.Word, m.Category)));
        Assert.Equal(6, matcher.Report.Lines);
        Assert.Equal(3, matcher.Report.BlankLines);
        Assert.Equal(3, matcher.Report.Entries);
    }

    [Fact]
    public void ReportsMatchPositionsOnTheOriginalText()
    {
        var matcher = SensitiveWordMatcher.Load([new WordListSource(Write("w.txt", "敏感\n"), "x")]);
        const string text = "这是 敏 * 感 的";

        var match = Assert.Single(matcher.Find(text));

        Assert.Equal("敏 * 感", text.Substring(match.Start, match.Length));
    }

    [Fact]
    public void AllowListHidesMatchesInsideOrdinaryWords()
    {
        var words = Write("w.txt", "操\n口交\n");
        var allow = Write("allow.txt", "操作\n入口交通\n");

        var matcher = SensitiveWordMatcher.Load([new WordListSource(words, "abuse"), new WordListSource(allow, "allow", IsAllowList: true)]);

        Assert.Empty(matcher.Find("请问怎么操作退款"));
        Assert.Empty(matcher.Find("商场入口交通方便吗"));
        Assert.Single(matcher.Find("操你"));
    }

    [Fact]
    public void AllowListWinsOverTheSameWordInASensitiveList()
    {
        var matcher = SensitiveWordMatcher.Load([
            new WordListSource(Write("w.txt", "QQ\n"), "ads"),
            new WordListSource(Write("a.txt", "ｑｑ\n"), "allow", IsAllowList: true),
        ]);

        Assert.Empty(matcher.Find("加我QQ"));
        Assert.Equal(1, matcher.Report.Duplicates);
    }

    [Fact]
    public void MergesDuplicatesAndVariantsAndWarnsAboutConflictingCategories()
    {
        var path = Write("w.txt", "敏感\tpolitics\n敏 感\tpolitics\n敏感\tabuse\n***\n");

        var matcher = SensitiveWordMatcher.Load([new WordListSource(path, "x")]);

        Assert.Equal(1, matcher.EntryCount);
        Assert.Equal(2, matcher.Report.Duplicates);
        Assert.Equal(1, matcher.Report.Skipped);
        Assert.Contains(matcher.Report.Warnings, w => w.Contains("w.txt:3:", StringComparison.Ordinal) && w.Contains("politics", StringComparison.Ordinal));
        Assert.Equal("politics", Assert.Single(matcher.Find("敏感")).Category);
    }

    [Fact]
    public void CompilesAHundredThousandLineListWithDuplicatesAndEmptyLines()
    {
        var builder = new StringBuilder();
        for (var i = 0; i < 100_000; i++)
        {
            builder.Append(i % 10 == 0 ? "" : $"词{i % 40_000:D5}").Append('\n');
        }

        var matcher = SensitiveWordMatcher.Load([new WordListSource(Write("big.txt", builder.ToString()), "big")]);

        Assert.Equal(100_000, matcher.Report.Lines);
        Assert.Equal(10_000, matcher.Report.BlankLines);
        Assert.Equal(36_000, matcher.EntryCount);
        Assert.Equal(90_000 - 36_000, matcher.Report.Duplicates);
        Assert.Single(matcher.Find("查一下词12341吧"));
    }

    [Fact]
    public void SkipsUnreadableAndOverlongLinesWithWarnings()
    {
        var path = Path.Combine(_dir, "bad.txt");
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes("好词\n"), 0xff, 0xfe, (byte)'\n', .. Encoding.UTF8.GetBytes(new string('长', 200) + "\n坏词\n")]);

        var matcher = SensitiveWordMatcher.Load([new WordListSource(path, "x")]);

        Assert.Equal(2, matcher.EntryCount);
        Assert.Equal(2, matcher.Report.Skipped);
        Assert.Contains(matcher.Report.Warnings, w => w.Contains("bad.txt:2:", StringComparison.Ordinal));
        Assert.Contains(matcher.Report.Warnings, w => w.Contains("bad.txt:3:", StringComparison.Ordinal));
    }

    [Fact]
    public void FailsWithTheFileNameWhenAListIsMissingOrTooBig()
    {
        var missing = Path.Combine(_dir, "missing.txt");
        var e = Assert.Throws<BotDefinitionException>(() => SensitiveWordMatcher.Load([new WordListSource(missing, "x")]));
        Assert.Equal(missing, e.File);

        var big = Write("big.txt", "一\n二\n三\n");
        Assert.Throws<BotDefinitionException>(() => SensitiveWordMatcher.Load([new WordListSource(big, "x")], new WordListLimits { MaxFileBytes = 4 }));
        var tooMany = Assert.Throws<BotDefinitionException>(() => SensitiveWordMatcher.Load([new WordListSource(big, "x")], new WordListLimits { MaxEntries = 2 }));
        Assert.Equal(3, tooMany.Line);
    }

    [Fact]
    public void MasksEachVisibleCharacterOfEveryMatch()
    {
        var matcher = SensitiveWordMatcher.Load([new WordListSource(Write("w.txt", "敏感\n"), "x")]);
        const string text = "说敏😀感话";

        Assert.Equal("说***话", SensitiveWordMatcher.Mask(text, matcher.Find(text)));
    }

    [Fact]
    public void FindsNothingInAMegabyteMessageOfNoiseAndSurvivesInvalidUtf16()
    {
        var matcher = SensitiveWordMatcher.Load([new WordListSource(Write("w.txt", "敏感\n"), "x")]);
        var huge = new string('*', 1_000_000) + "敏\ud800感" + new string('\udc00', 1000);

        var match = Assert.Single(matcher.Find(huge));

        Assert.Equal(1_000_000, match.Start);
    }
}
