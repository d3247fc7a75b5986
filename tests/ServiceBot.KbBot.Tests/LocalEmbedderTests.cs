using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ServiceBot.Abstractions.Knowledge;
using ServiceBot.KbBot.Embedding;
using ServiceBot.KbBot.Evaluation;
using ServiceBot.KbBot.Index;
using ServiceBot.KbBot.Matching;
using ServiceBot.KbBot.Settings;
using ServiceBot.Retrieval.Vectors;

namespace ServiceBot.KbBot.Tests;

public sealed class LocalEmbedderTests
{
    private static LocalKbEncoderFactory Factory() => new(TestKb.Analyzer, NullLogger.Instance);

    private static KbRow[] Rows(IReadOnlyList<FaqEntry> entries) => new KbIndexBuilder(TestKb.Analyzer, null, NullLogger.Instance).AnalyzeRows(entries);

    private static async Task<(IQueryEncoder Encoder, float[][] Vectors)> BuildAsync(LocalKbEncoderFactory factory, KbRow[] rows, EmbedderSettings settings, string? directory = null) =>
        await factory.BuildAsync(new KbEncoderRequest("shop", rows, settings, directory), TestContext.Current.CancellationToken);

    /// <summary>English entries whose paraphrases share few whole words, so character n-grams and training matter.</summary>
    private static List<FaqEntry> English() =>
    [
        TestKb.Faq("refunds-when", "When will I get my refund?", "Refunds take 3 days.", "refund my order", "where is my refund", "how long does a refund take", "money back timing"),
        TestKb.Faq("returns-how", "How do I return an item?", "Use the returns page.", "send a parcel back", "return a product", "I want to return shoes", "returning purchases"),
        TestKb.Faq("cards-lost", "I lost my card", "Freeze it in the app.", "my card was stolen", "card missing", "cannot find my bank card", "block a stolen card"),
        TestKb.Faq("shipping-fee", "How much is delivery?", "Delivery is free over 99.", "shipping cost", "postage price", "do you charge for delivery", "delivery fee"),
        TestKb.Faq("account-password", "How do I reset my password?", "Use 'forgot password'.", "forgot my password", "change password", "cannot log in", "password reset link"),
    ];

    /// <summary>Mean cosine of question pairs within one entry minus the mean across entries.</summary>
    private static double Separation(KbRow[] rows, float[][] vectors)
    {
        double same = 0, other = 0;
        int sameCount = 0, otherCount = 0;
        for (var i = 0; i < rows.Length; i++)
        {
            for (var j = i + 1; j < rows.Length; j++)
            {
                var cos = VectorMath.Dot(vectors[i], vectors[j]);
                if (rows[i].Entry == rows[j].Entry)
                {
                    (same, sameCount) = (same + cos, sameCount + 1);
                }
                else
                {
                    (other, otherCount) = (other + cos, otherCount + 1);
                }
            }
        }

        return (same / sameCount) - (other / otherCount);
    }

    [Fact]
    public async Task TrainingBringsParaphrasesCloserThanQuestionsOfOtherEntries()
    {
        var rows = Rows([.. TestKb.Shop(), .. English()]);
        var factory = Factory();
        var (_, untrained) = await BuildAsync(factory, rows, new EmbedderSettings { Epochs = 0 });
        var (encoder, trained) = await BuildAsync(factory, rows, new EmbedderSettings());

        Assert.True(factory.LastTraining!.Trained);
        Assert.True(factory.LastTraining.LastLoss < factory.LastTraining.FirstLoss, $"loss {factory.LastTraining.FirstLoss:0.000} → {factory.LastTraining.LastLoss:0.000}");
        Assert.StartsWith("local-contrastive-", encoder.Model, StringComparison.Ordinal);
        var before = Separation(rows, untrained);
        var after = Separation(rows, trained);
        Assert.True(after > before + 0.2, $"separation {before:0.000} untrained, {after:0.000} trained");
    }

    [Fact]
    public async Task SameSeedGivesTheSameVectorsAndAnotherSeedOthers()
    {
        var rows = Rows(TestKb.Shop());
        var (_, first) = await BuildAsync(Factory(), rows, new EmbedderSettings());
        var (_, second) = await BuildAsync(Factory(), rows, new EmbedderSettings());
        var (_, reseeded) = await BuildAsync(Factory(), rows, new EmbedderSettings { Seed = 5 });

        for (var r = 0; r < rows.Length; r++)
        {
            Assert.Equal(first[r], second[r]);
        }

        Assert.NotEqual(first[0], reseeded[0]);
    }

    [Fact]
    public async Task VectorsAreUnitLengthWithTheConfiguredDimensions()
    {
        var rows = Rows(TestKb.Shop());
        var (encoder, vectors) = await BuildAsync(Factory(), rows, new EmbedderSettings { Dimensions = 48 });
        var query = await encoder.EncodeAsync("退货的运费谁出", TestContext.Current.CancellationToken);

        Assert.Equal(48, encoder.Dimensions);
        Assert.All(vectors.Append(query!), v =>
        {
            Assert.Equal(48, v.Length);
            Assert.Equal(1.0, Math.Sqrt(VectorMath.Dot(v, v)), 4);
        });
    }

    [Fact]
    public async Task TextWithoutAnyKnownFeatureEncodesToNull()
    {
        var (encoder, _) = await BuildAsync(Factory(), Rows(TestKb.Shop()), new EmbedderSettings());

        Assert.Null(await encoder.EncodeAsync("？！…", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task EmptyAndOneEntryKbsGetAnUntrainedEncoder()
    {
        var factory = Factory();
        var (empty, none) = await BuildAsync(factory, [], new EmbedderSettings());
        Assert.Empty(none);
        Assert.False(factory.LastTraining!.Trained);
        Assert.Null(await empty.EncodeAsync("怎么退货", TestContext.Current.CancellationToken));

        var one = TestKb.Shop()[..1];
        var settings = TestKb.Settings();
        settings.Recall.Vector = true;
        var snapshot = await TestKb.BuildAsync(one, settings, factory);
        Assert.False(factory.LastTraining!.Trained);
        Assert.NotNull(snapshot.Vectors);
        Assert.StartsWith("local-random-projection-", snapshot.Vectors.Encoder.Model, StringComparison.Ordinal);
        var query = await FaqMatcher.PrepareAsync(snapshot, TestKb.Analyzer.Analyze("我想退货"), null, TestContext.Current.CancellationToken);
        Assert.Equal("returns-how", FaqMatcher.Match(snapshot, query, MatchMode.Vector).Top!.Faq.Id);
    }

    [Fact]
    public async Task ARestartWithAnUnchangedKbLoadsTheSavedModelAndIndex()
    {
        var directory = Directory.CreateTempSubdirectory("kb-embed-").FullName;
        try
        {
            var entries = Synthetic(500, 5);
            var settings = TestKb.Settings();
            settings.Recall.Vector = true;
            var factory = Factory();
            var builder = new KbIndexBuilder(TestKb.Analyzer, factory, NullLogger.Instance) { CacheDirectory = directory };
            var first = await builder.BuildAsync("shop", 1, entries, settings, TestContext.Current.CancellationToken);
            Assert.NotNull(factory.LastTraining);
            Assert.IsType<HnswIndex>(first.Vectors!.Rows);
            var files = Directory.GetFiles(Path.Combine(directory, "kb-embedder"));
            Assert.Contains(files, f => f.EndsWith(".model", StringComparison.Ordinal));
            Assert.Contains(files, f => f.EndsWith(".hnsw", StringComparison.Ordinal));

            var second = await builder.BuildAsync("shop", 2, entries, settings, TestContext.Current.CancellationToken);

            Assert.Null(factory.LastTraining);
            for (var r = 0; r < first.Rows.Count; r++)
            {
                Assert.Equal(first.Vectors.RowVectors[r], second.Vectors!.RowVectors[r]);
            }

            var probe = first.Vectors.RowVectors[7];
            Assert.Equal(first.Vectors.Rows.Search(probe, 5), second.Vectors!.Rows.Search(probe, 5));

            // Another question changes the key: the model is trained anew.
            entries[0] = TestKb.Faq(entries[0].Id, entries[0].StandardQuestion, "答案0", [.. entries[0].SimilarQuestions, "全新的问法"]);
            await builder.BuildAsync("shop", 3, entries, settings, TestContext.Current.CancellationToken);
            Assert.NotNull(factory.LastTraining);
        }
        finally
        {
            Directory.Delete(directory, true);
        }
    }

    [Fact]
    public async Task CorruptModelAndIndexFilesAreIgnoredAndRebuilt()
    {
        var directory = Directory.CreateTempSubdirectory("kb-embed-").FullName;
        try
        {
            var entries = Synthetic(500, 5);
            var settings = TestKb.Settings();
            settings.Recall.Vector = true;
            var factory = Factory();
            var builder = new KbIndexBuilder(TestKb.Analyzer, factory, NullLogger.Instance) { CacheDirectory = directory };
            var first = await builder.BuildAsync("shop", 1, entries, settings, TestContext.Current.CancellationToken);
            foreach (var file in Directory.GetFiles(Path.Combine(directory, "kb-embedder")))
            {
                var bytes = await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken);
                await File.WriteAllBytesAsync(file, bytes[..(bytes.Length / 2)], TestContext.Current.CancellationToken);
            }

            var second = await builder.BuildAsync("shop", 2, entries, settings, TestContext.Current.CancellationToken);

            Assert.NotNull(factory.LastTraining);
            Assert.Equal(first.Vectors!.RowVectors[3], second.Vectors!.RowVectors[3]);
            var third = await builder.BuildAsync("shop", 3, entries, settings, TestContext.Current.CancellationToken);
            Assert.Null(factory.LastTraining);
            Assert.Equal(first.Vectors.Rows.Search(first.Vectors.RowVectors[9], 5), third.Vectors!.Rows.Search(first.Vectors.RowVectors[9], 5));
        }
        finally
        {
            Directory.Delete(directory, true);
        }
    }

    [Fact]
    public async Task VectorRecallFindsAParaphraseThatSharesNoWordWithTheKb()
    {
        var settings = TestKb.Settings(training: false);
        settings.Recall.Vector = true;
        KbEvalQuery[] queries = [new("refunded?", "refunds-when"), new("cards?", "cards-lost")];

        var report = await KbEvaluator.EvaluateAsync(TestKb.Analyzer, English(), queries, settings, Factory(), TestContext.Current.CancellationToken);

        Assert.Equal(["bm25", "vector", "hybrid", "hybrid+rerank"], report.Configurations.Select(m => m.Config));
        Assert.Equal(0, report.Configurations[0].RecallAt1);
        Assert.Equal(1, report.Configurations[1].RecallAt1);
        Assert.Equal(1, report.Configurations[3].RecallAt1);
    }

    [Fact]
    public void BadEmbedderSettingsAreReportedByName()
    {
        var settings = new KbSettings();
        settings.Recall.Embedder.Dimensions = 3;
        settings.Recall.Embedder.Temperature = 0;

        var problems = settings.Validate().ToList();

        Assert.Contains(problems, p => p.Contains("kb.recall.embedder.dimensions", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("temperature", StringComparison.Ordinal));
    }

    [Fact]
    public void TheLocalEmbedderIsTheDefaultAndAnEmbedderRegisteredLaterWins()
    {
        var services = new ServiceCollection();
        services.AddServiceBotKbBot(new ConfigurationBuilder().Build());

        var registered = services.Where(d => d.ServiceType == typeof(IKbEncoderFactory)).ToList();

        Assert.Single(registered);
        Assert.Equal(typeof(LocalKbEncoderFactory), registered[0].ImplementationType);
    }

    [Fact]
    public async Task TheEmbedderSetToNoneLeavesTheKbOnBm25WithTheReasonInTheSnapshot()
    {
        var settings = TestKb.Settings();
        settings.Recall.Vector = true;

        var snapshot = await TestKb.BuildAsync(TestKb.Shop(), settings, new LocalKbEncoderFactory(TestKb.Analyzer, NullLogger.Instance, disabled: true));

        Assert.Null(snapshot.Vectors);
        Assert.Contains("none", snapshot.DegradedReason, StringComparison.Ordinal);
    }

    /// <summary>Enough questions for the HNSW index (at least <see cref="HnswIndex.ExactBelow"/> rows).</summary>
    private static List<FaqEntry> Synthetic(int entries, int questions)
    {
        string[] topics = ["退货", "换货", "退款", "运费", "发票", "发货", "手机", "密码", "积分", "优惠"];
        string[] forms = ["怎么{0}{1}", "{0}{1}如何办理", "请问{1}号{0}", "{0}第{1}项", "我要{0}{1}", "{1}{0}流程", "关于{0}{1}"];
        var list = new List<FaqEntry>(entries);
        for (var e = 0; e < entries; e++)
        {
            var topic = topics[e % topics.Length];
            var questions2 = Enumerable.Range(0, questions).Select(q => string.Format(System.Globalization.CultureInfo.InvariantCulture, forms[q % forms.Length], topic, e)).ToArray();
            list.Add(TestKb.Faq($"t-{e}", questions2[0], "答案" + e, questions2[1..]));
        }

        return list;
    }
}
