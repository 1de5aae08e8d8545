namespace CircuitSim.Engine.Backends;

/// <summary>
/// An engine outside Core that runs a built network with its own time loop (the GPU backend keeps the state
/// on the device): it reports each step to the same observers, so recorders, metrics and writers do not know
/// which engine ran.
/// </summary>
public interface IExternalEngine : IDisposable
{
    string Name { get; }
    List<ISimulationObserver> Observers { get; }
    /// <summary>Runs to the end (or until cancelled), calling the observers at every step boundary; returns the steps done.</summary>
    long Run(CancellationToken cancel = default);
    double LoopSeconds { get; }
    long SynapticEvents { get; }
    /// <summary>Where the loop spent its time, s (device kernels, copies, host replay).</summary>
    Dictionary<string, double> PhaseSeconds();
}

/// <summary>How an engine outside Core is found: the GPU project registers itself here (the CLI does, at start).</summary>
public interface IExternalEngineFactory
{
    /// <summary>Whether a real device (not a CPU emulation) is there, for <c>backend: auto</c>.</summary>
    bool HasDevice { get; }
    /// <summary>Throws a <see cref="BuildException"/> naming what the engine cannot run in this network, or the missing device.</summary>
    void Check(Network network);
    IExternalEngine Create(Network network, RunOptions options);
    /// <summary>Several networks of one structure in one set of kernels (throws a BuildException when they differ in structure).</summary>
    IExternalBatch CreateBatch(IReadOnlyList<Network> networks, RunOptions options);
}

/// <summary>Copies of one circuit run together: each with its own observers and event count.</summary>
public interface IExternalBatch : IDisposable
{
    string Name { get; }
    List<ISimulationObserver>[] Observers { get; }
    long Run(CancellationToken cancel = default);
    double LoopSeconds { get; }
    long[] SynapticEvents { get; }
    Dictionary<string, double> PhaseSeconds();
}

public static class ExternalEngines
{
    /// <summary>The GPU backend, when its assembly registered itself (null: not in this build).</summary>
    public static IExternalEngineFactory? Gpu { get; set; }

    /// <summary>The backend a run uses: <c>auto</c> takes the GPU when a device is there and the network is within what it runs, else simd.</summary>
    public static Model.BackendKind Resolve(Model.BackendKind kind, Network network)
    {
        if (kind != Model.BackendKind.Auto) return kind;
        if (Gpu is { HasDevice: true } g)
        {
            try { g.Check(network); return Model.BackendKind.Gpu; }
            catch (BuildException) { }
        }
        return Model.BackendKind.Simd;
    }

    public static IExternalEngineFactory RequireGpu() => Gpu ?? throw new BuildException(
        "the gpu backend is not in this build (the circuitsim command includes it; a program using Core alone must reference CircuitSim.Gpu and register it)", "backend");
}
