using ServiceBot.Retrieval.Lexical;

namespace ServiceBot.Retrieval.Tests;

public sealed class Bm25IndexTests
{
    private static readonly string[][] Docs =
    [
        ["退货", "流程"],
        ["退款", "多久", "到账"],
        ["运费", "谁", "承担"],
        ["退货", "运费", "谁", "承担"],
        ["发票", "怎么", "开"],
    ];

    private static Bm25Index Index() => Bm25Index.Build(Docs, Bm25Parameters.Default);

    private static WeightedTerm[] Q(params string[] terms) => [.. terms.Select(t => new WeightedTerm(t, 1))];

    [Fact]
    public void RanksTheDocumentSharingTheMostRareTermsFirst()
    {
        var hits = Index().Search(Q("退货", "运费"), 3);

        Assert.Equal(3, hits[0].Id);
        Assert.Contains(hits, h => h.Id == 0);
        Assert.Contains(hits, h => h.Id == 2);
    }

    [Fact]
    public void ReturnsNothingForUnknownTermsOrAnEmptyQuery()
    {
        Assert.Empty(Index().Search(Q("会员"), 5));
        Assert.Empty(Index().Search([], 5));
        Assert.Empty(Bm25Index.Empty.Search(Q("退货"), 5));
    }

    [Fact]
    public void SkipsExcludedDocuments()
    {
        var hits = Index().Search(Q("退货", "运费"), 5, id => id == 3);

        Assert.DoesNotContain(hits, h => h.Id == 3);
        Assert.NotEmpty(hits);
    }

    [Fact]
    public void ScoresMatchTheSingleDocumentScore()
    {
        var index = Index();
        var query = Q("运费", "承担");
        foreach (var hit in index.Search(query, 5))
        {
            Assert.Equal(index.Score(query, Docs[hit.Id], hit.Id), hit.Score, 4);
        }
    }

    [Fact]
    public void SynonymWeightLowersATermsContribution()
    {
        var index = Index();
        var full = index.Search([new WeightedTerm("发票", 1)], 1)[0].Score;
        var half = index.Search([new WeightedTerm("发票", 0.5f)], 1)[0].Score;

        Assert.Equal(full / 2, half, 4);
    }

    [Fact]
    public void SelfScoreBoundsTheScoreOfAVerbatimDocument()
    {
        var index = Index();
        var query = Q("退款", "多久", "到账");

        Assert.True(index.SelfScore(query) > 0);
        Assert.InRange(index.Search(query, 1)[0].Score / index.SelfScore(query), 0.8, 1.25);
    }

    [Fact]
    public void RejectsParametersOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Bm25Index.Build(Docs, new Bm25Parameters { B = 1.5f }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Bm25Index.Build(Docs, new Bm25Parameters { K1 = -1 }));
    }

    [Fact]
    public void SearchesConcurrentlyWithConsistentResults()
    {
        var index = Index();
        var expected = index.Search(Q("退货", "运费"), 3);
        Parallel.For(0, 200, _ => Assert.Equal(expected, index.Search(Q("退货", "运费"), 3)));
    }
}
