using BenchmarkDotNet.Attributes;
using ServiceBot.SensitiveWords.Injection;
using ServiceBot.SensitiveWords.WordLists;

namespace ServiceBot.Benchmarks.Filter;

/// <summary>
/// The rejector's two screens on one 30-character message, with the shop bot's lists plus a 10k-entry
/// lexicon when <c>SERVICEBOT_BENCH_LEXICON</c> names one (bench/filter/run.sh writes
/// <c>/tmp/servicebot-filter-bench/lexicon-10k.txt</c>).
/// </summary>
[MemoryDiagnoser]
public class RejectorBenchmarks
{
    private const string Clean = "请问你们的运费到底是怎么收的，满多少钱可以包邮呢？";
    private const string Disguised = "你们这些傻 逼客服到底管不管事，我的退款到现在还没到";

    private SensitiveWordMatcher? _matcher;
    private InjectionRuleSet? _injection;

    [GlobalSetup]
    public void Setup()
    {
        var words = Path.Combine(EvaluationData.RepositoryRoot(), "bots", "shop", "words");
        List<WordListSource> sources =
        [
            new(Path.Combine(words, "abuse.txt"), "abuse"),
            new(Path.Combine(words, "fraud.txt"), "fraud"),
            new(Path.Combine(words, "competitors.txt"), "competitor"),
            new(Path.Combine(words, "allow.txt"), "allow", IsAllowList: true),
        ];
        if (Environment.GetEnvironmentVariable("SERVICEBOT_BENCH_LEXICON") is { Length: > 0 } lexicon)
        {
            sources.Add(new WordListSource(lexicon, "lexicon"));
        }

        _matcher = SensitiveWordMatcher.Load(sources);
        _injection = InjectionRuleSet.Embedded;
    }

    [Benchmark(Description = "sensitive words, clean message")]
    public int FindClean() => _matcher!.Find(Clean).Count;

    [Benchmark(Description = "sensitive words, disguised abuse")]
    public int FindDisguised() => _matcher!.Find(Disguised).Count;

    [Benchmark(Description = "prompt-injection screen, clean message")]
    public double InjectionClean() => PromptInjectionScreen.Assess(Clean, _injection!, 2000).Score;
}
