using System.Text.Json.Nodes;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Text.Synonyms;

namespace ServiceBot.Text.Tests;

/// <summary>Synonym files as a bot lists them under <c>text.synonyms</c>: both formats, and what the KB's query expansion gets.</summary>
public sealed class SynonymTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("servicebot-synonyms-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void ReadsGroupsSeparatedBySpacesCommasOrEnumerationMarks_SkippingCommentsAndBlankLines()
    {
        var set = SynonymSet.Parse(new StringReader("# shop words\n\n退款 退钱,返款\n快递、物流，包裹\n孤单\n"), TextData.Default.Analyzer);

        Assert.Equal(2, set.GroupCount);
        Assert.Equal(["退钱", "返款"], set.Expand("退款"));
        Assert.Equal(["快递", "包裹"], set.Expand("物流"));
        Assert.Empty(set.Expand("孤单"));
        Assert.Empty(set.Expand("发票"));
    }

    [Fact]
    public void ReadsCilinLines_KeepingSynonymGroupsAndSkippingRelatedOrSingleWords()
    {
        var set = SynonymSet.Parse(new StringReader("Aa01A01= 人 士 人物\nAa01A02# 男人 女人\nAa01A03@ 孤零零\n"), TextData.Default.Analyzer);

        Assert.Equal(1, set.GroupCount);
        Assert.Contains("人物", set.Expand("人"));
        Assert.Empty(set.Expand("男人"));
    }

    [Fact]
    public void ComparesInTheAnalyzersIndexForm_SoCaseWidthAndEnglishInflectionsMeetTheSameGroup()
    {
        var set = SynonymSet.Parse(new StringReader("refund reimbursement\n"), TextData.Default.Analyzer);
        var refunds = TextData.Default.Analyzer.Analyze("ＲＥＦＵＮＤＳ").Terms;

        Assert.Contains(set.Expand(Assert.Single(refunds)), t => t.StartsWith("reimburs", StringComparison.Ordinal));
    }

    [Fact]
    public void ABotsSynonymFilesAreReadFromItsBotYaml_AndABotWithoutThemHasNone()
    {
        File.WriteAllText(Path.Combine(_folder, "synonyms.txt"), "退货 退掉 退件\n");
        var expander = new BotSynonymExpander(TextData.Default.Analyzer);
        var with = Bot(new JsonObject { ["text"] = new JsonObject { ["synonyms"] = new JsonArray("synonyms.txt") } });
        var without = Bot(new JsonObject());

        Assert.True(expander.HasSynonyms(with));
        Assert.Equal(["退掉", "退件"], expander.Expand(with, "退货"));
        Assert.False(expander.HasSynonyms(without));
        Assert.Empty(expander.Expand(without, "退货"));
    }

    [Fact]
    public void AMissingSynonymFileFailsWithTheBotAndTheFile_AndIsReadOnceItExists()
    {
        var expander = new BotSynonymExpander(TextData.Default.Analyzer);
        var bot = Bot(new JsonObject { ["text"] = new JsonObject { ["synonyms"] = new JsonArray("later.txt") } });

        var error = Assert.Throws<BotDefinitionException>(() => expander.HasSynonyms(bot));
        Assert.Contains("later.txt", error.Message, StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(_folder, "later.txt"), "发票 票据\n");
        Assert.Equal(["票据"], expander.Expand(bot, "发票"));
    }

    private BotDefinition Bot(JsonObject settings) =>
        new("shop", "shop", "zh-CN", ["zh-CN"], Path.Combine(_folder, "bot.yaml"), _folder, settings);
}
