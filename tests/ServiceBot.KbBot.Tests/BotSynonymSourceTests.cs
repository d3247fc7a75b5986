using ServiceBot.Abstractions.Bots;
using ServiceBot.KbBot.Index;
using ServiceBot.Text.Synonyms;

namespace ServiceBot.KbBot.Tests;

/// <summary>The KB's query expansion comes from the synonym files the bot lists, through text analysis.</summary>
public sealed class BotSynonymSourceTests
{
    [Fact]
    public void ABotWithSynonymsGetsALookupThatExpandsItsTerms()
    {
        var source = new BotSynonymSource([new FixedExpander(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["退钱"] = ["退款"] })]);

        var lookup = source.For(TestKb.Bot());

        Assert.NotNull(lookup);
        Assert.Equal(["退款"], lookup("退钱"));
        Assert.Empty(lookup("发票"));
    }

    [Fact]
    public void ABotWithoutSynonymsOrAProcessWithoutTextAnalysisGetsNoExpansion()
    {
        Assert.Null(new BotSynonymSource([new FixedExpander([])]).For(TestKb.Bot()));
        Assert.Null(new BotSynonymSource([]).For(TestKb.Bot()));
    }

    private sealed class FixedExpander(Dictionary<string, string[]> groups) : ISynonymExpander
    {
        public IReadOnlyList<string> Expand(BotDefinition bot, string term) => groups.GetValueOrDefault(term) ?? [];

        public bool HasSynonyms(BotDefinition bot) => groups.Count > 0;
    }
}
