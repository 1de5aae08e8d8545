using CircuitSim.Engine;
using CircuitSim.Neurons;

namespace CircuitSim.Gpu;

/// <summary>
/// What the GPU backend runs so far: networks of LIF neurons with conductance channels (single and two
/// exponentials, saturation, NMDA's Mg²⁺ block, potentiation by another channel), any synaptic delays, static
/// weights, spike sources (afferent and descending fibres with their stimuli, stepped on the host a chunk
/// ahead), recording spikes. Everything else is refused at build with
/// what to do instead, never run wrongly: other neuron models, noise, short-term and long-term plasticity,
/// stochastic release, substances, drugs, tissue, interventions and current steps, traces.
/// </summary>
public static class GpuSupport
{
    public static void Check(Network network)
    {
        const string hint = " (use --backend simd; the gpu backend runs LIF networks so far)";
        var spec = network.Spec;
        foreach (var pop in network.NeuronPopulations)
        {
            if (pop.Model is not (LifModel or AdExModel))
                throw new BuildException($"the gpu backend runs models lif and adex only so far; population {pop.Name} is {pop.Model.Name}{hint}", $"populations.{pop.Name}.model");
            if (pop.Noise is not null)
                throw new BuildException($"the gpu backend has no membrane noise yet (population {pop.Name}){hint}", $"populations.{pop.Name}.noise");
            foreach (var ch in pop.Channels)
                if (ch.LocalGain is not null)
                    throw new BuildException($"the gpu backend has no tissue gains on channels yet ({pop.Name}.{ch.Name}){hint}",
                        $"populations.{pop.Name}.receptors.{ch.Name}");
        }
        foreach (var pr in network.Projections)
        {
            if (pr.Plasticity is not null || pr.Dynamics is not null || pr.ReleaseProbability < 1f || pr.Events is not null || pr.Source.TerminalRelease is not null)
                throw new BuildException($"the gpu backend has static synapses only so far; projection {pr.Name} has plasticity, short-term dynamics, stochastic release or counted events{hint}",
                    $"projections.{pr.Name}");
        }
        if (network.Neuromodulators is not null)
            throw new BuildException($"the gpu backend has no substances, drugs or chloride dynamics yet{hint}", "substances");
        if (network.Tissue is not null)
            throw new BuildException($"the gpu backend has no tissue fields or glia yet{hint}", "tissue");
        if (network.Events.Count > 0)
            throw new BuildException($"the gpu backend applies no scheduled changes yet ({network.Events[0].Description}){hint}", "interventions");
        if (spec.Record.Traces.Count > 0)
            throw new BuildException($"the gpu backend records spikes only so far; remove record.traces or use --backend simd", "record.traces");
        if (spec.Record.Weights.Count > 0 || spec.Record.Pscs.Count > 0)
            throw new BuildException($"the gpu backend records spikes only so far (record.weights and psc metrics need the CPU engine){hint}", "record");
    }
}
