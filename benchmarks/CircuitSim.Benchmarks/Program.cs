using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(CircuitSim.Benchmarks.NeuronUpdateBenchmarks).Assembly).Run(args);
