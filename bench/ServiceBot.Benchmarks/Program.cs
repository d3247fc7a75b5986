using BenchmarkDotNet.Running;
using ServiceBot.Benchmarks.Filter;
using ServiceBot.Benchmarks.Kb;

// `dotnet run -c Release --project bench/ServiceBot.Benchmarks -- --filter '*FunnelTurn*'` runs one suite;
// with no filter BenchmarkDotNet lists the suites and asks.
// `-- filter-throughput CORPUS PATTERNS` measures the rejector beside the npm peers (bench/filter/run.sh);
// `-- kb-scale [ENTRIES SIMILAR QUERIES]` builds a generated 100k-entry KB and times recall + rerank per query;
// `-- injection-eval` and `-- rejector-eval` print the quality numbers of docs/funnel.md.
switch (args)
{
    case ["filter-throughput", .. var rest]:
        return FilterThroughput.Run(rest);
    case ["kb-scale", .. var rest]:
        return await KbScale.RunAsync(rest);
    case ["injection-eval", .. var rest]:
        return InjectionEvaluation.Run(rest);
    case ["rejector-eval", .. var rest]:
        return RejectorEvaluation.Run(rest);
}

// In process: BenchmarkDotNet's out-of-process toolchain generates a project that fails to build
// against this one (CS0234 on the benchmark namespaces), and in-process runs need none.
if (!args.Contains("--inProcess") && !args.Contains("-i"))
{
    args = [.. args, "--inProcess"];
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
