using BenchmarkDotNet.Running;
using ServiceBot.Benchmarks.Filter;

// `dotnet run -c Release --project bench/ServiceBot.Benchmarks -- --filter '*Segment*'` runs one suite;
// with no filter BenchmarkDotNet lists the suites and asks.
// `-- filter-throughput CORPUS PATTERNS` measures the rejector beside the npm peers (bench/filter/run.sh).
if (args is ["filter-throughput", .. var rest])
{
    return FilterThroughput.Run(rest);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
