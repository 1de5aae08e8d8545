using CircuitSim.Engine;
using CircuitSim.Engine.Backends;

namespace CircuitSim.Gpu;

/// <summary>One network on the GPU backend: a batch of one copy (<see cref="GpuBatch"/>), seen by the runner as any engine.</summary>
public sealed class GpuEngine(Network network, string device, GpuDelivery delivery = GpuDelivery.Exact) : IExternalEngine
{
    private readonly GpuBatch _batch = new([network], device, delivery == GpuDelivery.Fast);

    public string Name => _batch.Name;
    public List<ISimulationObserver> Observers => _batch.Observers[0];
    public double LoopSeconds => _batch.LoopSeconds;
    public long SynapticEvents => _batch.SynapticEvents[0];
    public long Run(CancellationToken cancel = default) => _batch.Run(cancel);
    public Dictionary<string, double> PhaseSeconds() => _batch.PhaseSeconds();
    public void Dispose() => _batch.Dispose();
}

/// <summary>Registers the GPU backend with the engine (<see cref="ExternalEngines.Gpu"/>).</summary>
public sealed class GpuEngineFactory : IExternalEngineFactory
{
    private readonly Lazy<bool> _hasDevice = new(GpuDevices.HasCuda);

    public static void Register() => ExternalEngines.Gpu ??= new GpuEngineFactory();

    public bool HasDevice => _hasDevice.Value;
    public void Check(Network network) => GpuSupport.Check(network);
    public IExternalEngine Create(Network network, RunOptions options) => new GpuEngine(network, options.GpuDevice, options.GpuDelivery);
    public IExternalBatch CreateBatch(IReadOnlyList<Network> networks, RunOptions options) => new GpuBatch(networks, options.GpuDevice, options.GpuDelivery == GpuDelivery.Fast);
}
