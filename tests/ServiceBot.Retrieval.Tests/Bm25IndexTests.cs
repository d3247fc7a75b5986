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

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(60)]
    public void SkippingLongPostingListsKeepsTheExactTopDocumentsAndScores(int count)
    {
        // 20k documents of Zipf-drawn words: the head words have posting lists far longer than the
        // pruning's check length, as 怎么 and 如何 do in a real KB; every query is compared with
        // scoring every document one by one.
        var random = new Random(5);
        var vocabulary = Enumerable.Range(0, 3000).Select(i => "w" + i).ToArray();
        string Draw()
        {
            var group = (int)(Math.Exp(random.NextDouble() * Math.Log(301)) - 1);
            return vocabulary[group == 0 ? 0 : Math.Min(vocabulary.Length - 1, (group * 10) + random.Next(10))];
        }

        var docs = Enumerable.Range(0, 20_000).Select(_ => Enumerable.Range(0, 3 + random.Next(8)).Select(_ => Draw()).ToArray()).ToArray();
        var index = Bm25Index.Build(docs, Bm25Parameters.Default);
        Assert.True(index.DocumentFrequency("w0") > 4096, "The test needs a very common word.");

        for (var q = 0; q < 200; q++)
        {
            var query = Enumerable.Range(0, 2 + random.Next(5)).Select(_ => new WeightedTerm(Draw(), random.Next(3) == 0 ? 0.5f : 1f)).ToArray();
            Func<int, bool>? exclude = q % 4 == 0 ? d => d % 7 == 0 : null;

            var hits = index.Search(query, count, exclude);

            var expected = Enumerable.Range(0, docs.Length)
                .Where(d => exclude is null || !exclude(d))
                .Select(d => (Id: d, Score: index.Score(query, docs[d], d)))
                .Where(x => x.Score > 0)
                .OrderByDescending(x => x.Score).ThenBy(x => x.Id)
                .Take(count)
                .ToArray();
            Assert.Equal(expected.Length, hits.Length);
            for (var i = 0; i < hits.Length; i++)
            {
                Assert.Equal(expected[i].Score, hits[i].Score, 3);
                if (i < hits.Length - 1 && Math.Abs(expected[i].Score - expected[i + 1].Score) > 1e-4 && (i == 0 || Math.Abs(expected[i].Score - expected[i - 1].Score) > 1e-4))
                {
                    Assert.Equal(expected[i].Id, hits[i].Id);
                }
            }
        }
    }
}
