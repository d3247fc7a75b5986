using BenchmarkDotNet.Running;
using ServiceBot.Benchmarks.Filter;

// `dotnet run -c Release --project bench/ServiceBot.Benchmarks -- --filter '*Segment*'` runs one suite;
// with no filter BenchmarkDotNet lists the suites and asks.
// `-- filter-throughput CORPUS PATTERNS` measures the rejector beside the npm peers (bench/filter/run.sh);
// `-- injection-eval` and `-- rejector-eval` print the quality numbers of docs/funnel-and-rejector.md.
switch (args)
{
    case ["filter-throughput", .. var rest]:
        return FilterThroughput.Run(rest);
    case ["injection-eval", .. var rest]:
        return InjectionEvaluation.Run(rest);
    case ["rejector-eval", .. var rest]:
        return RejectorEvaluation.Run(rest);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
