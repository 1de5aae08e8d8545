using CircuitSim.Cli;

return CommandLine.Build().Parse(args) is var parsed && parsed.Errors.Count > 0
    ? CommandLine.ReportParseErrors(parsed)
    : parsed.Invoke();
