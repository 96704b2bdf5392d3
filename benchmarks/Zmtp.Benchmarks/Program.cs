using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Zmtp.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
