using CircuitSim.Engine;
using CircuitSim.Model;
using CircuitSim.Neurons;
using CircuitSim.Random;
using CircuitSim.Recording;

namespace CircuitSim.Tests.Engine;

/// <summary>
/// The one generic check of every neuron model (every entry of <see cref="NeuronModels.All"/>, so a new
/// model is covered when it is registered): its scalar kernel (one lane, the reference backend) and its
/// vector kernel (the SIMD backend, with its uniform-parameter and fused specialisations) give identical
/// spikes and identical final values of every state variable, on a population whose size is not a
/// multiple of the vector width, with Poisson-driven synapses of every kind, and with per-neuron parameters
/// jittered or uniform.
/// </summary>
public class NeuronModelKernelTests
{
    /// <summary>Channels: 0 every receptor kind (ring), 1 two plain channels (ring), 2 two plain channels whose
    /// one-step inputs arrive straight in the state (as COBA).</summary>
    public static TheoryData<string, bool, int, bool> Cases()
    {
        var d = new TheoryData<string, bool, int, bool>();
        foreach (var m in NeuronModels.All)
            foreach (bool jitter in new[] { false, true })
                foreach (int channels in new[] { 0, 1, 2 })
                    foreach (bool wide in new[] { false, true })
                        if (!wide || System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated) d.Add(m.Name, jitter, channels, wide);
        return d;
    }

    private static ScenarioSpec Spec(string model, bool plainChannels)
    {
        var spec = Specs.Empty("kernels-" + model, 400);
        spec.Populations.Add(new PopulationSpec { Name = "In", Kind = PopulationKind.Afferent, Count = 60, Fibre = FibreClass.Adelta });
        spec.Populations.Add(new PopulationSpec { Name = "Inh", Kind = PopulationKind.Afferent, Count = 20, Fibre = FibreClass.Adelta });
        var n = new PopulationSpec { Name = "N", Count = 37, Model = model };
        var defaults = NeuronModels.Find(model)!;
        // a little bias current so every model fires now and then
        n.Params["I_bias"] = model == "izhikevich" ? 300 : 150;
        n.Initial["v"] = new InitialValueSpec(InitialKind.Uniform, -70, -55);
        if (plainChannels)
        {
            n.Receptors["exc"] = new ReceptorSpec { TauRiseMs = 0, TauDecayMs = 5, ReversalMv = 0 };
            n.Receptors["inh"] = new ReceptorSpec { TauRiseMs = 0, TauDecayMs = 10, ReversalMv = null };
        }
        else
        {
            n.Receptors["NMDA"] = new ReceptorSpec { TauRiseMs = 2, TauDecayMs = 100, ReversalMv = 0, MgBlock = true, PotentiatedBy = "NK1", PotentiationMax = 0.8, PotentiationHalfNs = 0.3 };
            n.Receptors["NK1"] = new ReceptorSpec { TauRiseMs = 100, TauDecayMs = 3000, ReversalMv = 0, SaturationNs = 2 };
        }
        spec.Populations.Add(n);
        var exc = new ProjectionSpec { Name = "In_N", From = "In", To = "N", Connect = new ConnectSpec { P = 0.3 }, WeightJitter = 0.3 };
        var inh = new ProjectionSpec { Name = "Inh_N", From = "Inh", To = "N", Connect = new ConnectSpec { P = 0.3 }, WeightJitter = 0.3 };
        if (plainChannels) { exc.Receptors["exc"] = 3; inh.Receptors["inh"] = 10; }
        else { exc.Receptors["AMPA"] = 3; exc.Receptors["NMDA"] = 1; exc.Receptors["NK1"] = 0.1; inh.Receptors["GABA_A"] = 5; inh.Receptors["glycine"] = 5; }
        spec.Projections.Add(exc);
        spec.Projections.Add(inh);
        spec.Stimuli.Add(new StimulusSpec { Name = "drive", Target = "In", Protocol = StimulusProtocol.Poisson, RateHz = 30 });
        spec.Stimuli.Add(new StimulusSpec { Name = "inhibit", Target = "Inh", Protocol = StimulusProtocol.Poisson, RateHz = 20 });
        return spec;
    }

    private static (int[] Ids, double[] Times, float[][] State) Run(ScenarioSpec spec, BackendKind backend, bool jitter)
    {
        var net = NetworkBuilder.Build(spec);
        var pop = (NeuronPopulation)net.Population("N");
        if (jitter)
        {
            // ±5 % per neuron on every parameter (signs and orderings such as Vpeak > Vr survive it)
            int k = 0;
            foreach (var (_, a) in pop.Params.OrderBy(p => p.Key))
            {
                k++;
                for (int i = 0; i < a.Length; i++) a[i] *= (float)(1 + 0.05 * (2 * Philox.Uniform(99, 1, (uint)i, (ulong)k) - 1));
            }
            pop.Model.Prepare(pop, spec.DtMs);
            pop.UpdateUniformity();
            Assert.False(pop.UniformParams);
        }
        else Assert.True(pop.UniformParams);
        Assert.Equal(spec.Projections.All(p => p.DelayMs == 0) && pop.Channels.All(c => c.B is null), pop.Channels[0].ArrivesInState);
        var sim = new Simulation(net, backend, 1);
        var rec = new SpikeRecorder(net, new[] { "N" });
        sim.Observers.Add(rec);
        sim.Run();
        var s = rec.Result(spec.DtMs)[0];
        return (s.NodeIds, s.TimesMs, pop.State.Select(a => a.Take(pop.Count).ToArray()).ToArray());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Scalar_and_vector_kernels_of_every_model_agree_exactly(string model, bool jitter, int channels, bool sixteenLanes)
    {
        var spec = Spec(model, channels > 0);
        if (channels == 2) foreach (var pr in spec.Projections) pr.DelayMs = 0;
        var reference = Run(spec, BackendKind.Reference, jitter);
        (int[] Ids, double[] Times, float[][] State) simd;
        lock (NeuronModel.WidthGate)
        {
            bool was = NeuronModel.Wide;
            NeuronModel.Wide = sixteenLanes;
            try { simd = Run(spec, BackendKind.Simd, jitter); }
            finally { NeuronModel.Wide = was; }
        }
        Assert.True(reference.Ids.Length >= 20, $"{model}: only {reference.Ids.Length} spikes");
        Assert.Equal(reference.Ids, simd.Ids);
        Assert.Equal(reference.Times, simd.Times);
        var vars = NeuronModels.Find(model)!.StateVariables;
        for (int k = 0; k < vars.Count; k++) Assert.Equal(reference.State[k], simd.State[k]);
    }
}
