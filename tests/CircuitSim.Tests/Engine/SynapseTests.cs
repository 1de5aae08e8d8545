using CircuitSim.Engine;
using CircuitSim.Model;
using CircuitSim.Synapses;

namespace CircuitSim.Tests.Engine;

public class SynapseTests
{
    [Theory]
    [InlineData(-80, 0.0244)]
    [InlineData(-60, 0.0796)]
    [InlineData(-40, 0.2302)]
    [InlineData(-20, 0.5081)]
    [InlineData(0, 0.7812)]
    [InlineData(20, 0.9250)]
    public void NmdaMagnesiumBlockFollowsJahrStevensCurve(double vMv, double expected)
    {
        // B(v) = 1 / (1 + [Mg]/3.57 mM · e^(−0.062 v)), [Mg]o = 1 mM (Jahr & Stevens 1990)
        Assert.Equal(expected, MagnesiumBlock.Exact(vMv), 3);
        // the engine's float kernel gives the same unblocked fraction
        var ch = new ReceptorChannel
        {
            Name = "NMDA", Index = 0, A = new float[] { 1f }, B = null, DecayA = 1, DecayB = 0, Norm = 1, Reversal = 0,
            UsesChloride = false, MgBlock = true, Ring = new float[1], RingSlots = 1,
        };
        var (g, _) = OneNeuron(new[] { ch }, 0, (float)vMv);
        Assert.Equal(expected, g, 3);
    }

    /// <summary>Σg and Σg·E of neuron i through the one-lane pass (the reference kernel).</summary>
    internal static (float G, float GE) OneNeuron(ReceptorChannel[] channels, int i, float v, float ecl = -70f)
    {
        int n = channels[0].A.Length;
        var V = Enumerable.Repeat(v, n).ToArray();
        var E = Enumerable.Repeat(ecl, n).ToArray();
        var gs = new float[n]; var ge = new float[n];
        SynapticInput.Pass<CircuitSim.Numerics.Lane1>(channels, i, i + 1, 0, V, E, gs, ge);
        return (gs[i], ge[i]);
    }

    private static ReceptorChannel Ch(string name, float a, int mod = -1, float max = 0, float half = 1, float invSat = 0, float avail = 1) => new()
    {
        Name = name, Index = 0, A = Enumerable.Repeat(a, 16).ToArray(), B = null, DecayA = 1, DecayB = 0, Norm = 1, Reversal = 0,
        UsesChloride = false, MgBlock = false, Ring = new float[16], RingSlots = 1, ModulatorIndex = mod, PotentiationMax = max,
        PotentiationHalfNs = half, InverseSaturation = invSat, Availability = avail,
    };

    [Fact]
    public void Nk1ConductancePotentiatesNmdaBoundedInScalarAndVectorKernelsAlike()
    {
        // g_NMDA · (1 + Emax · g_NK1/(g_NK1 + K)): Emax 0.8, K 0.5 nS, g_NK1 2 nS → ×1.64; never above ×1.8
        var channels = new[] { Ch("NK1", 2f), Ch("NMDA", 1f, mod: 0, max: 0.8f, half: 0.5f) };
        var (g, _) = OneNeuron(channels, 3, -60f);
        Assert.Equal(2f + 1f * (1 + 0.8f * 2f / 2.5f), g, 5);
        var gs = new float[16]; var ge = new float[16];
        SynapticInput.Pass<CircuitSim.Numerics.LaneN>(channels, 0, 16, 0, new float[16], new float[16], gs, ge);
        Assert.Equal(g, gs[3]);
        var huge = new[] { Ch("NK1", 1e4f), Ch("NMDA", 1f, mod: 0, max: 0.8f, half: 0.5f) };
        Assert.InRange(OneNeuron(huge, 0, -60f).G - 1e4f, 1.79f, 1.8001f);
    }

    [Fact]
    public void Nk1_antagonist_removes_the_nmda_potentiation_too()
    {
        // regression: the potentiation read g_NK1 without the NK1 channel's availability, so a full NK1 block
        // left the NMDA boost in place
        var blocked = new[] { Ch("NK1", 2f, avail: 0f), Ch("NMDA", 1f, mod: 0, max: 0.8f, half: 0.5f) };
        Assert.Equal(1f, OneNeuron(blocked, 3, -60f).G, 6);
        var gs = new float[16]; var ge = new float[16];
        SynapticInput.Pass<CircuitSim.Numerics.LaneN>(blocked, 0, 16, 0, new float[16], new float[16], gs, ge);
        Assert.Equal(1f, gs[3], 6);
    }

    [Fact]
    public void SaturatingChannelLevelsOffAtItsMaximumInScalarAndVectorKernelsAlike()
    {
        // NK1 with G = 2 nS: a drive of 6 nS passes 6·2/(6+2) = 1.5 nS, and the NMDA channel it
        // potentiates sees the saturated 1.5 nS, not the drive (g_NMDA = 1·(1 + 1·1.5/(1.5 + 1)))
        var channels = new[] { Ch("NK1", 6f, invSat: 0.5f), Ch("NMDA", 1f, mod: 0, max: 1f, half: 1f) };
        var (g, _) = OneNeuron(channels, 5, -60f);
        Assert.Equal(1.5f + 1f * (1 + 1.5f / 2.5f), g, 5);
        var gs = new float[16]; var ge = new float[16];
        SynapticInput.Pass<CircuitSim.Numerics.LaneN>(channels, 0, 16, 0, new float[16], new float[16], gs, ge);
        Assert.Equal(g, gs[5]);
        // far below G it is linear: 0.01 nS passes 0.01/(1 + 0.005)
        Assert.Equal(0.01f / 1.005f, Ch("NK1", 0, invSat: 0.5f).Effective(0.01f), 6);
        Assert.Equal(0.01f, Ch("NK1", 0).Effective(0.01f));
    }

    [Fact]
    public void SaturatingNk1ConductanceStaysBelowItsMaximumUnderADrivingTrainAndTracesShowIt()
    {
        // 20 C fibres at 50 Hz for 2 s onto one neuron, NK1 weight 0.5 nS: the linear drive would
        // reach ~1500 nS (20 · 50 Hz · 0.5 nS · 3 s); with saturation 3 nS the trace stays below 3 nS
        var spec = Specs.Empty("nk1-saturation", 2500);
        spec.Populations.Add(new PopulationSpec { Name = "C", Kind = PopulationKind.Afferent, Count = 20, Fibre = FibreClass.C });
        var n = Specs.Neurons("N", 1, "lif", ("EL", -65), ("VT", 100));
        n.Receptors["NK1"] = new ReceptorSpec { TauRiseMs = 100, TauDecayMs = 3000, ReversalMv = 0, SaturationNs = 3 };
        spec.Populations.Add(n);
        var pr = new ProjectionSpec { Name = "C_N", From = "C", To = "N", DelayMs = 1, Connect = new ConnectSpec { Rule = ConnectRule.All } };
        pr.Receptors["NK1"] = 0.5;
        spec.Projections.Add(pr);
        spec.Stimuli.Add(new StimulusSpec { Name = "drive", Target = "C", Protocol = StimulusProtocol.Poisson, RateHz = 50, StartMs = 0, DurationMs = 2000 });
        spec.Record.Traces.Add(new TraceSpec { Population = "N", Variables = { "g_NK1", "v" }, EveryMs = 10 });
        var r = Runner.Run(spec, new RunOptions());
        var g = r.Traces.Single(t => t.Variable == "g_NK1").Values;
        float peak = 0;
        for (int k = 0; k < g.GetLength(0); k++) peak = Math.Max(peak, g[k, 0]);
        Assert.InRange(peak, 2.9f, 3f); // saturated, not linear
        var v = r.Traces.Single(t => t.Variable == "v").Values;
        // at steady state v = (gL·EL + g·E)/(gL + g) with g ≤ 3 nS: at most −65·10/13 = −50 mV
        Assert.InRange(v[190, 0], -51f, -49f);
    }

    [Fact]
    public void Conduction_delay_is_applied_at_the_source_so_rings_span_only_synaptic_delays()
    {
        // regression (speed): C fibres over 150 mm arrive after ~150-640 ms; when that delay sat in the
        // target rings they had ~6400 slots per channel (megabytes, a cache miss per channel per step)
        var spec = CircuitSim.Scenarios.ScenarioLoader.Load(CircuitSim.Tests.Validation.ScenarioRuns.Path("base/dorsal-horn.yaml"), new[] { "duration=1ms" });
        var net = NetworkBuilder.Build(spec);
        foreach (var pop in net.NeuronPopulations)
            foreach (var ch in pop.Channels) Assert.InRange(ch.RingSlots, 2, 11); // synaptic delays 0.5-1 ms at dt 0.1 ms
        var c = (SpikeSourcePopulation)net.Population("C_pep");
        Assert.True(c.ConductionSteps.Max() > 1000, "C fibres still conduct for > 100 ms");
    }

    [Fact]
    public void Every_spike_in_flight_arrives_when_more_are_in_flight_than_the_queue_first_holds()
    {
        // 10 fibres at 100 Hz over 500 ms of nerve: 50 spikes a fibre in flight at once, past the
        // queue's first 4 nodes a fibre, so it must grow without losing or reordering any
        double Charge(double distanceMm, out double firstMs)
        {
            var spec = Specs.Empty("in-flight", 1200);
            spec.Populations.Add(new PopulationSpec
            {
                Name = "C", Kind = PopulationKind.Afferent, Count = 10, Fibre = FibreClass.C,
                ConductionDistanceUm = distanceMm * 1000, VelocityMPerS = 1, VelocityJitter = 0,
            });
            spec.Populations.Add(Specs.Neurons("N", 1, "lif", ("EL", -65), ("VT", 100)));
            var pr = new ProjectionSpec { Name = "C_N", From = "C", To = "N", DelayMs = 1, Connect = new ConnectSpec { Rule = ConnectRule.All } };
            pr.Receptors["AMPA"] = 1;
            spec.Projections.Add(pr);
            spec.Stimuli.Add(new StimulusSpec { Name = "train", Target = "C", Protocol = StimulusProtocol.PulseTrain, StartMs = 10, Count = 40, FrequencyHz = 100 });
            spec.Record.Traces.Add(new TraceSpec { Population = "N", Variables = { "g_AMPA" }, EveryMs = 0.1 });
            var g = Runner.Run(spec, new RunOptions()).Traces[0].Values;
            double sum = 0;
            firstMs = double.NaN;
            for (int k = 0; k < g.GetLength(0); k++)
            {
                if (double.IsNaN(firstMs) && g[k, 0] > 0) firstMs = k * 0.1;
                sum += g[k, 0] * 0.1;
            }
            return sum;
        }
        double near = Charge(5, out double firstNear), far = Charge(500, out double firstFar);
        Assert.Equal(near, far, 3);                     // all 400 spikes delivered
        Assert.InRange(firstFar - firstNear, 494.9, 495.1); // 495 mm more at 1 m/s
    }

    [Fact]
    public void DualExponentialPeakEqualsTheWeight()
    {
        double norm = ReceptorChannel.PeakNormalisation(2, 100);
        double tPeak = 100 * 2 / 98.0 * Math.Log(50);
        Assert.Equal(1.0, norm * (Math.Exp(-tPeak / 100) - Math.Exp(-tPeak / 2)), 9);
    }

    private static ScenarioSpec DelaySpec(double delayMs, double? distanceUm, FibreClass fibre)
    {
        var spec = Specs.Empty("delay", 60);
        spec.Populations.Add(new PopulationSpec
        {
            Name = "A", Kind = PopulationKind.Afferent, Count = 1, Fibre = fibre, ConductionDistanceUm = distanceUm, VelocityJitter = 0,
        });
        spec.Populations.Add(Specs.Neurons("N", 1, "lif", ("VT", 100)));
        var pr = new ProjectionSpec { Name = "A_N", From = "A", To = "N", DelayMs = delayMs, Connect = new ConnectSpec { Rule = ConnectRule.All } };
        pr.Receptors["AMPA"] = 1;
        spec.Projections.Add(pr);
        spec.Stimuli.Add(new StimulusSpec { Name = "pulse", Target = "A", Protocol = StimulusProtocol.PulseTrain, StartMs = 10, Count = 1, FrequencyHz = 1 });
        spec.Record.Traces.Add(new TraceSpec { Population = "N", Variables = { "g_AMPA" }, EveryMs = 0.1 });
        return spec;
    }

    private static int FirstNonZeroSample(CircuitSim.Recording.TraceData t)
    {
        for (int k = 0; k < t.Values.GetLength(0); k++) if (t.Values[k, 0] != 0) return k;
        return -1;
    }

    [Theory]
    [InlineData(2.5, null, FibreClass.C, 25)]         // synaptic delay alone: 25 steps
    [InlineData(1.0, 10_000.0, FibreClass.Adelta, 20)] // + 10 mm at 10 m/s = 1 ms
    [InlineData(0.3, 20_000.0, FibreClass.C, 203)]      // + 20 mm at 1 m/s = 20 ms
    public void SpikesArriveAfterExactlyTheirDelay(double delayMs, double? distanceUm, FibreClass fibre, int expectedSteps)
    {
        var r = Runner.Run(DelaySpec(delayMs, distanceUm, fibre), new RunOptions(BackendKind.Simd));
        Assert.Equal(100, (int)Math.Round(r.Spikes.First(s => s.Population == "A").TimesMs.Single() / 0.1));
        // sample k is the state after k steps; input arriving at step s shows from sample s + 1
        Assert.Equal(100 + expectedSteps + 1, FirstNonZeroSample(r.Traces[0]));
    }

    [Theory]
    [InlineData(BackendKind.Reference)]
    [InlineData(BackendKind.Simd)]
    public void Weight_set_during_a_run_reaches_a_uniform_weight_projection(BackendKind backend)
    {
        // delivery reads one cached weight when all synapses share it; an intervention must refresh it
        var spec = DelaySpec(1, null, FibreClass.C);
        spec.Stimuli[0].Count = 2;
        spec.Stimuli[0].FrequencyHz = 40; // pulses at 10 and 35 ms
        var iv = new InterventionSpec { Name = "triple", AtMs = 20 };
        iv.Set.Add(new("projections.A_N.receptors.AMPA", 3));
        spec.Interventions.Add(iv);
        var r = Runner.Run(spec, new RunOptions(backend));
        var g = r.Traces[0].Values;
        float Peak(int from, int to) { float m = 0; for (int k = from; k < to; k++) m = Math.Max(m, g[k, 0]); return m; }
        Assert.Equal(1f, Peak(100, 340), 3); // AMPA peak = weight, 1 nS
        Assert.Equal(3f + g[350, 0], Peak(350, 600), 2); // 3 nS on top of what is left of the first
    }

    [Fact]
    public void Uniform_weight_is_detected_and_dropped_when_weights_differ()
    {
        var spec = DelaySpec(1, null, FibreClass.C);
        spec.Populations[0].Count = 2;
        var pr = NetworkBuilder.Build(spec).Projections[0];
        Assert.Equal(2, pr.SynapseCount);
        Assert.Equal(1f, pr.UniformWeight);
        pr.Weights[0] = 2f;
        pr.RefreshUniformWeight();
        Assert.Null(pr.UniformWeight);
    }
}
