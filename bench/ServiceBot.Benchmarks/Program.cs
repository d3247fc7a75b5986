using BenchmarkDotNet.Running;

// `dotnet run -c Release --project bench/ServiceBot.Benchmarks -- --filter '*Segment*'` runs one suite;
// with no filter BenchmarkDotNet lists the suites and asks.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
