using ServiceBot.Retrieval.Vectors;

namespace ServiceBot.Retrieval.Tests;

public sealed class HnswIndexTests
{
    private const int Dims = 24;

    /// <summary>Large enough that <see cref="HnswIndex.Create(int, IReadOnlyList{float[]}, HnswOptions)"/> inserts most of it in batches.</summary>
    private const int BulkDims = 32;

    private static readonly Lazy<float[][]> BulkData = new(() => Clustered(20_000 + BulkQueries, 11, BulkDims));

    private const int BulkQueries = 300;

    private static float[][] Clustered(int n, int seed, int dims = Dims)
    {
        var random = new Random(seed);
        var centres = Enumerable.Range(0, 40).Select(_ => Unit(Enumerable.Range(0, dims).Select(_ => (float)Gaussian(random)).ToArray())).ToArray();
        return [.. Enumerable.Range(0, n).Select(_ =>
        {
            var c = centres[random.Next(centres.Length)];
            return Unit(c.Select(x => x + (float)(Gaussian(random) * 0.15)).ToArray());
        })];
    }

    private static double Gaussian(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());

    private static float[] Unit(float[] v)
    {
        VectorMath.Normalize(v);
        return v;
    }

    private static double RecallAt10(HnswIndex approx, FlatVectorIndex exact, float[][] queries, int? ef = null)
    {
        var hits = 0;
        foreach (var q in queries)
        {
            var truth = exact.Search(q, 10).Select(h => h.Id).ToHashSet();
            hits += approx.Search(q, 10, ef ?? approx.Options.EfSearch).Count(h => truth.Contains(h.Id));
        }

        return hits / (10.0 * queries.Length);
    }

    private static HnswIndex AddLoop(int dims, float[][] data, HnswOptions options)
    {
        var index = new HnswIndex(dims, options, data.Length);
        for (var i = 0; i < data.Length; i++)
        {
            index.Add(i, data[i]);
        }

        return index;
    }

    private static byte[] Bytes(HnswIndex index)
    {
        using var file = new MemoryStream();
        index.Save(file);
        return file.ToArray();
    }

    [Fact]
    public void FindsNearlyAllTrueNeighboursOnClusteredVectors()
    {
        var data = Clustered(4000, 1);
        var hnsw = HnswIndex.Create(Dims, data, new HnswOptions { M = 12, EfConstruction = 100, EfSearch = 64 });
        var exact = FlatVectorIndex.Create(Dims, data);

        Assert.True(RecallAt10(hnsw, exact, Clustered(100, 2)) >= 0.95);
    }

    [Fact]
    public void RemovedItemsAreNeverReturnedAndReAddedOnesAreFound()
    {
        var data = Clustered(2500, 3);
        var hnsw = HnswIndex.Create(Dims, data, HnswOptions.Default);
        var query = data[42];

        Assert.Equal(42, hnsw.Search(query, 1)[0].Id);
        Assert.True(hnsw.Remove(42));
        Assert.False(hnsw.Remove(42));
        Assert.DoesNotContain(hnsw.Search(query, 20), h => h.Id == 42);
        Assert.Equal(2499, hnsw.Count);

        hnsw.Add(42, query);
        Assert.Equal(42, hnsw.Search(query, 1)[0].Id);
        Assert.Equal(2500, hnsw.Count);
    }

    [Fact]
    public void SearchesExactlyBelowTheSizeThreshold()
    {
        var data = Clustered(300, 4);
        var hnsw = HnswIndex.Create(Dims, data, new HnswOptions { M = 2, EfConstruction = 1, EfSearch = 1 });
        var exact = FlatVectorIndex.Create(Dims, data);

        Assert.Equal(1.0, RecallAt10(hnsw, exact, Clustered(30, 5)));
    }

    [Fact]
    public void SavesAndLoadsTheSameGraph()
    {
        var data = Clustered(2200, 6);
        var hnsw = HnswIndex.Create(Dims, data, HnswOptions.Default);
        hnsw.Remove(7);
        using var file = new MemoryStream();
        hnsw.Save(file);
        file.Position = 0;

        var loaded = HnswIndex.Load(file);

        Assert.Equal(hnsw.Count, loaded.Count);
        foreach (var q in Clustered(20, 7))
        {
            Assert.Equal(hnsw.Search(q, 10), loaded.Search(q, 10));
        }
    }

    [Fact]
    public void LoadRejectsATruncatedOrForeignFile()
    {
        var hnsw = HnswIndex.Create(Dims, Clustered(50, 8), HnswOptions.Default);
        using var file = new MemoryStream();
        hnsw.Save(file);
        var bytes = file.ToArray();

        Assert.Throws<InvalidDataException>(() => HnswIndex.Load(new MemoryStream(bytes[..(bytes.Length / 2)])));
        Assert.Throws<InvalidDataException>(() => HnswIndex.Load(new MemoryStream("not an index at all"u8.ToArray())));
    }

    [Fact]
    public void BulkBuildSavesTheSameBytesWhateverTheThreadCount()
    {
        var data = BulkData.Value[..^BulkQueries];
        var options = new HnswOptions { M = 12, EfConstruction = 100 };

        var onAllCores = Bytes(HnswIndex.Create(BulkDims, data, options));

        Assert.Equal(onAllCores, Bytes(HnswIndex.Create(BulkDims, data, options, maxDegreeOfParallelism: 1)));
        Assert.Equal(onAllCores, Bytes(HnswIndex.Create(BulkDims, data, options, maxDegreeOfParallelism: 5)));
    }

    [Fact]
    public void BulkBuildFindsAsManyTrueNeighboursAsAnAddLoop()
    {
        var data = BulkData.Value[..^BulkQueries];
        var queries = BulkData.Value[^BulkQueries..];
        var options = new HnswOptions { M = 12, EfConstruction = 100 };
        var exact = FlatVectorIndex.Create(BulkDims, data);
        const int Ef = 40;

        var serial = RecallAt10(AddLoop(BulkDims, data, options), exact, queries, Ef);
        var bulk = RecallAt10(HnswIndex.Create(BulkDims, data, options), exact, queries, Ef);

        Assert.True(serial >= 0.95, $"Add loop recall@10 {serial:0.000} at ef {Ef}");
        Assert.True(bulk >= 0.95, $"bulk build recall@10 {bulk:0.000} at ef {Ef}");
        Assert.True(bulk >= serial - 0.01, $"bulk build recall@10 {bulk:0.000} against {serial:0.000} for the Add loop");
    }

    [Fact]
    public void CreateBelowTheBulkSizeBuildsTheGraphAnAddLoopBuilds()
    {
        var data = Clustered(HnswIndex.BulkSerialPrefix, 13);

        Assert.Equal(Bytes(AddLoop(Dims, data, HnswOptions.Default)), Bytes(HnswIndex.Create(Dims, data, HnswOptions.Default)));
    }

    [Fact]
    public void BulkBuiltIndexRemovesAddsSavesAndLoads()
    {
        var data = Clustered(HnswIndex.BulkSerialPrefix + (3 * HnswIndex.BulkBatch) + 100, 14);
        var hnsw = HnswIndex.Create(Dims, data, HnswOptions.Default);
        var last = data.Length - 1;

        Assert.Equal(data.Length, hnsw.Count);
        Assert.Equal(last, hnsw.Search(data[last], 1)[0].Id);
        Assert.True(hnsw.Remove(last));
        Assert.DoesNotContain(hnsw.Search(data[last], 20), h => h.Id == last);

        var extra = Clustered(1, 15)[0];
        hnsw.Add(data.Length, extra);
        hnsw.Add(last, data[last]);
        Assert.Equal(data.Length + 1, hnsw.Count);
        Assert.Equal(data.Length, hnsw.Search(extra, 1)[0].Id);
        Assert.Equal(last, hnsw.Search(data[last], 1)[0].Id);

        using var file = new MemoryStream(Bytes(hnsw));
        var loaded = HnswIndex.Load(file);
        Assert.Equal(hnsw.Count, loaded.Count);
        foreach (var q in Clustered(20, 16))
        {
            Assert.Equal(hnsw.Search(q, 10), loaded.Search(q, 10));
        }
    }

    [Fact]
    public void RejectsVectorsOfTheWrongDimension()
    {
        var hnsw = new HnswIndex(Dims);
        Assert.Throws<ArgumentException>(() => hnsw.Add(1, new float[Dims + 1]));
        Assert.Throws<ArgumentException>(() => hnsw.Search(new float[3], 1));
    }

    [Fact]
    public async Task SearchesWhileAWriterAdds()
    {
        var data = Clustered(3000, 9);
        var hnsw = HnswIndex.Create(Dims, data[..2100], HnswOptions.Default);
        var writer = Task.Run(() =>
        {
            for (var i = 2100; i < data.Length; i++)
            {
                hnsw.Add(i, data[i]);
            }
        }, TestContext.Current.CancellationToken);

        while (!writer.IsCompleted)
        {
            Assert.Equal(10, hnsw.Search(data[5], 10).Length);
        }

        await writer;
        Assert.Equal(2999, hnsw.Search(data[2999], 1)[0].Id);
    }
}
