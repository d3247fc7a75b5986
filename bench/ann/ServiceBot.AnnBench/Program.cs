using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using ServiceBot.Retrieval.Vectors;

// The project's HNSW on the vector files that gen_vectors.py writes for the ANN peers ({kind}_base.f32,
// {kind}_query.f32, {kind}_gt.i32: little-endian float32 rows and the exact top-100 ids per query),
// printed in the peer's own line format so bench/ann/run.sh can put the two side by side. Recall and
// QPS are over all queries, one thread, like the peer.
//
//   ServiceBot.AnnBench DIR KIND [DIMENSIONS=384] [M=16] [EF_CONSTRUCTION=200] [EFS=10,20,50,100,200,400] [BUILD=create]
//
// BUILD is `create` (HnswIndex.Create: the bulk build, batch-parallel on all cores), `add` (a loop of
// Add on one thread: what Create did before the bulk build) or `both` (add, then create, each measured).
const int K = 10;
const int TruthPerQuery = 100;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: ServiceBot.AnnBench DIR KIND [DIMENSIONS=384] [M=16] [EF_CONSTRUCTION=200] [EFS=10,20,50,100,200,400] [BUILD=create|add|both]");
    return 2;
}

var dir = args[0];
var kind = args[1];
var dimensions = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 384;
var m = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 16;
var efConstruction = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 200;
var efs = (args.Length > 5 ? args[5] : "10,20,50,100,200,400").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
var builds = (args.Length > 6 ? args[6] : "create") switch
{
    "both" => new[] { "add", "create" },
    var one => [one],
};

var baseVectors = ReadFloats(Path.Combine(dir, $"{kind}_base.f32"));
var queries = ReadFloats(Path.Combine(dir, $"{kind}_query.f32"));
var truth = ReadInts(Path.Combine(dir, $"{kind}_gt.i32"));
var n = baseVectors.Length / dimensions;
var q = queries.Length / dimensions;
if (n * dimensions != baseVectors.Length || q * dimensions != queries.Length || truth.Length != q * TruthPerQuery)
{
    Console.Error.WriteLine($"The files in {dir} do not hold {dimensions}-dimensional rows with {TruthPerQuery} true neighbours per query.");
    return 2;
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"servicebot-hnsw kind={kind} N={n} D={dimensions} Q={q} M={m} efC={efConstruction} dotnet={Environment.Version} simd={System.Numerics.Vector<float>.Count * 32}bit cores={Environment.ProcessorCount}"));
var options = new HnswOptions { M = m, EfConstruction = efConstruction };
foreach (var build in builds)
{
    var clock = Stopwatch.StartNew();
    HnswIndex index;
    string how;
    switch (build)
    {
        case "add":
            index = new HnswIndex(dimensions, options, n);
            for (var i = 0; i < n; i++)
            {
                index.Add(i, baseVectors.AsSpan(i * dimensions, dimensions));
            }

            how = "single thread, Add loop";
            break;
        case "create":
            var rows = new float[n][];
            for (var i = 0; i < n; i++)
            {
                rows[i] = baseVectors.AsSpan(i * dimensions, dimensions).ToArray();
            }

            clock.Restart();
            index = HnswIndex.Create(dimensions, rows, options);
            how = string.Create(CultureInfo.InvariantCulture, $"Create, batch-parallel on {Environment.ProcessorCount} cores");
            break;
        default:
            Console.Error.WriteLine($"BUILD is create, add or both, not {build}.");
            return 2;
    }

    var seconds = clock.Elapsed.TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"build_s={seconds:0.0} ({how}) working_set_mb={Environment.WorkingSet / 1048576.0:0}"));
    Measure(index);
}

return 0;

void Measure(HnswIndex index)
{
    var results = new int[q][];
    foreach (var ef in efs)
    {
        var efSearch = Math.Max(ef, K);
        for (var i = 0; i < Math.Min(50, q); i++)
        {
            index.Search(queries.AsSpan(i * dimensions, dimensions), K, efSearch);
        }

        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < q; i++)
        {
            var hits = index.Search(queries.AsSpan(i * dimensions, dimensions), K, efSearch);
            var ids = new int[hits.Length];
            for (var h = 0; h < hits.Length; h++)
            {
                ids[h] = hits[h].Id;
            }

            results[i] = ids;
        }

        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ef={ef,4} QPS={q / seconds,6:0} mean_ms={1000 * seconds / q:0.000} recall@10={Recall(results):0.0000}"));
    }
}

double Recall(int[][] results)
{
    var hits = 0;
    var wanted = new HashSet<int>();
    for (var i = 0; i < results.Length; i++)
    {
        wanted.Clear();
        for (var k = 0; k < K; k++)
        {
            wanted.Add(truth[(i * TruthPerQuery) + k]);
        }

        foreach (var id in results[i])
        {
            if (wanted.Contains(id))
            {
                hits++;
            }
        }
    }

    return hits / (double)(results.Length * K);
}

static float[] ReadFloats(string path) => MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(path)).ToArray();

static int[] ReadInts(string path) => MemoryMarshal.Cast<byte, int>(File.ReadAllBytes(path)).ToArray();
