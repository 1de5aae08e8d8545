using CircuitSim.Cli;

// the GPU backend (ILGPU) lives outside Core: the command makes it available to every run, sweep and view
CircuitSim.Gpu.GpuEngineFactory.Register();
return CommandLine.Build().Parse(args) is var parsed && parsed.Errors.Count > 0
    ? CommandLine.ReportParseErrors(parsed)
    : parsed.Invoke();
