using BenchmarkDotNet.Attributes;
using ServiceBot.Text;
using ServiceBot.Text.Segmentation;

namespace ServiceBot.Benchmarks.Segment;

/// <summary>
/// Segmenting one typical customer question, as every turn does: words as strings in default mode
/// (the baseline), default mode without the HMM, search mode, and offsets only (no strings).
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project bench/ServiceBot.Benchmarks -- --filter '*Segment*' --job short --inProcess</c>.
/// <c>--inProcess</c> skips BenchmarkDotNet's separate build of the benchmark project, which outlasts its
/// two-minute build timeout on a two-core machine. Needs jieba's data (scripts/setup.sh runtime); the
/// dictionary is loaded once, outside the measurements.
/// </remarks>
[MemoryDiagnoser]
public class SegmentBenchmarks
{
    private readonly List<Range> _ranges = new(32);
    private JiebaSegmenter _segmenter = null!;

    /// <summary>The question: 18 characters, dictionary words and one run of single characters the HMM splits (能帮/我查).</summary>
    [Params("我的订单怎么还没发货，能帮我查一下吗")]
    public string Question { get; set; } = "";

    [GlobalSetup]
    public void Setup() => _segmenter = TextAnalysis.CreateDefault().Segmenter;

    [Benchmark(Baseline = true)]
    public IReadOnlyList<string> Default() => _segmenter.Cut(Question);

    [Benchmark]
    public IReadOnlyList<string> DefaultWithoutHmm() => _segmenter.Cut(Question, hmm: false);

    [Benchmark]
    public IReadOnlyList<string> Search() => _segmenter.Cut(Question, SegmentMode.Search);

    [Benchmark]
    public int DefaultOffsetsOnly()
    {
        _ranges.Clear();
        _segmenter.Segment(Question, _ranges);
        return _ranges.Count;
    }
}
