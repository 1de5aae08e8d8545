using CircuitSim.Model;
using CircuitSim.Neurons;
using CircuitSim.Numerics;
using CircuitSim.Random;
using CircuitSim.Stimuli;
using CircuitSim.Synapses;

namespace CircuitSim.Engine;

/// <summary>Builds a <see cref="Network"/> from a validated <see cref="ScenarioSpec"/>.</summary>
public static class NetworkBuilder
{
    /// <param name="connectivity">Connectivity shared with other runs of a study (null: built here).</param>
    public static Network Build(ScenarioSpec spec, long? memoryLimitBytes = null, Synapses.ConnectivityCache? connectivity = null)
    {
        float dt = (float)spec.DtMs;
        long steps = (long)Math.Round(spec.DurationMs / spec.DtMs);
        MemoryEstimate.Check(spec, memoryLimitBytes ?? DefaultMemoryLimit()); // before allocating anything
        var conduction = ConductionDelays(spec);

        var pops = new List<Population>();
        for (int pi = 0; pi < spec.Populations.Count; pi++)
        {
            var ps = spec.Populations[pi];
            pops.Add(ps.Kind == PopulationKind.Neuron
                ? BuildNeurons(spec, ps, pi, UsedChannels(spec, ps))
                : BuildSources(spec, ps, pi, conduction[pi]));
        }

        var projections = new List<Projection>();
        for (int k = 0; k < spec.Projections.Count; k++)
            projections.Add(BuildProjection(spec, k, pops, connectivity));
        SizeRings(pops, projections);

        var drives = new List<SpikeDrive>();
        var events = new List<ScheduledEvent>();
        for (int k = 0; k < spec.Stimuli.Count; k++)
            AddStimulus(spec, k, pops, drives, events);
        int order = events.Count;
        foreach (var iv in spec.Interventions)
            events.Add(Interventions.InterventionCompiler.Compile(spec, iv, pops, drives, projections, order++));
        Interventions.InterventionCompiler.CheckParameterChanges(spec, pops);
        events.Sort((a, b) => a.Step != b.Step ? a.Step.CompareTo(b.Step) : a.Order.CompareTo(b.Order));

        var modulators = spec.Projections.Any(p => p.PlasticityThirdFactor is not null) || spec.Substances.Count > 0 || spec.DrugsGiven().Any() || spec.Populations.Any(p => p.Chloride is not null)
            ? new Neuromodulation.Neuromodulators(spec, pops, projections) : null;
        // third factors: a receptor type's activation gating a projection's plasticity
        foreach (var pr in projections)
            if (spec.Projections[pr.Index].PlasticityThirdFactor is { } tf && pr.Plasticity is { } lt)
            {
                int r = modulators!.Receptors.IndexOf(tf);
                if (r < 0) throw new BuildException($"projection {pr.Name}: unknown receptor type '{tf}' for the third factor", $"projections.{pr.Name}.plasticity.third_factor");
                lt.BindThirdFactor(modulators.Receptors, r);
            }
        var tissue = spec.Tissue is { } ts ? new Tissue.TissueFields(ts, pops, spec.DtMs, spec.Seed) : null;
        tissue?.Bind(pops, modulators);
        Tissue.TissueFields.CheckGliaDrugs(tissue, modulators?.Drugs);
        return new Network
        {
            Spec = spec, DtMs = dt, Steps = steps, Populations = pops, Projections = projections,
            Drives = drives, Events = events, Neuromodulators = modulators, Tissue = tissue,
        };
    }

    public static long DefaultMemoryLimit() => (long)(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes * 0.8);

    /// <summary>Conduction delay (steps) per fibre of each afferent population; empty for neurons.</summary>
    private static int[][] ConductionDelays(ScenarioSpec spec)
    {
        var result = new int[spec.Populations.Count][];
        for (int pi = 0; pi < spec.Populations.Count; pi++)
        {
            var ps = spec.Populations[pi];
            result[pi] = new int[ps.Kind == PopulationKind.Neuron ? 0 : ps.Count];
            if (ps.Kind != PopulationKind.Afferent || ps.ConductionDistanceUm is not { } distUm) continue;
            double v0 = ps.VelocityMPerS ?? FibreClasses.DefaultVelocity(ps.Fibre);
            uint purpose = RngPurpose.ForPopulation(RngPurpose.Conduction, pi);
            for (int i = 0; i < ps.Count; i++)
            {
                // log-normal across fibres (velocities are positive and skewed: rat C fibres 0.3–2.2 m/s around
                // ~1 m/s, McCarthy & Lawson 1995; a normal spread gave a few C fibres near 0 m/s and latencies of seconds)
                double v = v0 * Math.Exp(ps.VelocityJitter * Philox.Normal(spec.Seed, purpose, (uint)i, 0));
                double ms = distUm / 1000.0 / v; // µm → mm; mm / (m/s) = ms
                result[pi][i] = (int)Math.Round(ms / spec.DtMs);
            }
        }
        return result;
    }

    /// <summary>
    /// Each fibre's central terminal: uniformly across the slab and, in depth, uniformly over its laminae (the
    /// population's <c>terminals</c>, else its class's, peptidergic C fibres apart from the others).
    /// </summary>
    private static (float[] X, float[] Y) TerminalPlaces(ScenarioSpec spec, PopulationSpec ps, int index, bool[] peptidergic)
    {
        var x = new float[ps.Count];
        var y = new float[ps.Count];
        uint purpose = RngPurpose.ForPopulation(RngPurpose.Terminals, index);
        for (int i = 0; i < ps.Count; i++)
        {
            var laminae = ps.Terminals.Count > 0 ? ps.Terminals
                : ps.Kind == PopulationKind.Descending ? FibreClasses.DescendingTerminalLaminae
                : FibreClasses.TerminalLaminae(ps.Fibre, peptidergic[i]);
            var (a, b, _, _) = Philox.Next(spec.Seed, purpose, (uint)i, 0);
            x[i] = (float)(LaminaGeometry.WidthUm * Philox.ToUnitFloat(a));
            y[i] = (float)LaminaGeometry.DepthIn(laminae, Philox.ToUnitFloat(b));
        }
        return (x, y);
    }

    internal static int DelaySteps(double delayMs, double dtMs) => Math.Max(1, (int)Math.Round(delayMs / dtMs));

    /// <summary>Channels a population needs: those projections use, plus those it defines itself.</summary>
    internal static List<(string Name, ReceptorSpec Spec)> UsedChannels(ScenarioSpec spec, PopulationSpec ps)
    {
        var names = new List<string>();
        foreach (var name in ps.Receptors.Keys) if (!names.Contains(name)) names.Add(name);
        foreach (var pr in spec.Projections)
            if (pr.To == ps.Name)
                foreach (var r in pr.Receptors.Keys) if (!names.Contains(r)) names.Add(r);
        var list = new List<(string, ReceptorSpec)>();
        foreach (var n in names)
        {
            var rs = ps.Receptors.TryGetValue(n, out var own) ? own
                : ReceptorDefaults.All.TryGetValue(n, out var def) ? def
                : throw new BuildException($"population {ps.Name} has no receptor channel '{n}'", $"populations.{ps.Name}.receptors", $"populations.{ps.Name}");
            list.Add((n, rs));
        }
        // tonic conductances that neuromodulation opens on this population (GIRK)
        foreach (var m in spec.Modulations)
        {
            if (m.Effect != ModulationEffect.Conductance || !m.Populations.Contains(ps.Name)) continue;
            string ch = m.Channel ?? "GIRK";
            if (names.Contains(ch) || list.Exists(x => x.Item1 == ch)) continue;
            list.Add((ch, new ReceptorSpec { TauDecayMs = double.PositiveInfinity, ReversalMv = m.ReversalMv }));
        }
        return list;
    }

    private static NeuronPopulation BuildNeurons(ScenarioSpec spec, PopulationSpec ps, int index, List<(string Name, ReceptorSpec Spec)> used)
    {
        var model = NeuronModels.Find(ps.Model) ?? throw new BuildException($"unknown neuron model '{ps.Model}'", $"populations.{ps.Name}.model");
        int n = ps.Count;
        int np = (n + NeuronPopulation.Padding - 1) / NeuronPopulation.Padding * NeuronPopulation.Padding;
        var values = new Dictionary<string, double>();
        foreach (var p in model.Parameters) values[p.Name] = p.Default;
        if (ps.Preset is { } preset)
        {
            if (!model.Presets.TryGetValue(preset, out var over))
                throw new BuildException($"population {ps.Name}: model {model.Name} has no preset '{preset}'", $"populations.{ps.Name}.preset");
            foreach (var (k, v) in over) values[k] = v;
        }
        foreach (var (k, v) in ps.Params)
        {
            if (!values.ContainsKey(k)) throw new BuildException($"population {ps.Name}: model {model.Name} has no parameter '{k}'", $"populations.{ps.Name}.params.{k}");
            values[k] = v;
        }
        var prm = new Dictionary<string, float[]>();
        foreach (var (k, v) in values) { var a = AlignedArrays.Create(np); Array.Fill(a, (float)v); prm[k] = a; }
        var refSteps = AlignedArrays.Create(np);
        Array.Fill(refSteps, (float)Math.Round(values["refractory"] / spec.DtMs));

        var channels = new ReceptorChannel[used.Count];
        for (int c = 0; c < used.Count; c++)
        {
            var (name, rs) = used[c];
            bool dual = rs.TauRiseMs > 0 && rs.TauDecayMs > rs.TauRiseMs;
            channels[c] = new ReceptorChannel
            {
                Name = name, Index = c, A = AlignedArrays.Create(np), B = dual ? AlignedArrays.Create(np) : null,
                DecayA = (float)Math.Exp(-spec.DtMs / rs.TauDecayMs),
                DecayB = dual ? (float)Math.Exp(-spec.DtMs / rs.TauRiseMs) : 0f,
                Norm = (float)ReceptorChannel.PeakNormalisation(rs.TauRiseMs, rs.TauDecayMs),
                Reversal = (float)(rs.ReversalMv ?? 0), UsesChloride = rs.ReversalMv is null, MgBlock = rs.MgBlock,
                ModulatorIndex = rs.PotentiatedBy is { } by
                    ? used.FindIndex(u => u.Name == by) is var mi and >= 0 ? mi
                        : throw new BuildException($"population {ps.Name}: receptor {name} is potentiated by '{by}', which the population does not have",
                            $"populations.{ps.Name}.receptors.{name}.potentiated_by", $"populations.{ps.Name}.receptors.{name}")
                    : -1,
                PotentiationMax = (float)rs.PotentiationMax,
                CalciumFraction = (float)rs.CalciumFraction,
                Peptide = rs.Peptide,
                PotentiationHalfNs = rs.PotentiationHalfNs > 0 ? (float)rs.PotentiationHalfNs
                    : throw new BuildException($"population {ps.Name}: receptor {name} potentiation_half must be > 0 nS",
                        $"populations.{ps.Name}.receptors.{name}.potentiation_half", $"populations.{ps.Name}.receptors.{name}"),
                InverseSaturation = rs.SaturationNs is { } gs
                    ? gs > 0 ? (float)(1.0 / gs) : throw new BuildException($"population {ps.Name}: receptor {name} saturation must be > 0 nS",
                        $"populations.{ps.Name}.receptors.{name}.saturation", $"populations.{ps.Name}.receptors.{name}")
                    : 0f,
            };
        }

        var (top, bottom) = LaminaGeometry.DepthBand(ps.Lamina);
        var xs = new float[n];
        var ys = new float[n];
        uint place = RngPurpose.ForPopulation(RngPurpose.Placement, index);
        for (int i = 0; i < n; i++)
        {
            var (a, b, _, _) = Philox.Next(spec.Seed, place, (uint)i, 0);
            xs[i] = (float)(LaminaGeometry.WidthUm * Philox.ToUnitFloat(a));
            ys[i] = (float)(top + (bottom - top) * Philox.ToUnitFloat(b));
        }
        var state = new float[model.StateVariables.Count][];
        for (int k = 0; k < state.Length; k++) state[k] = AlignedArrays.Create(np);
        var iExt = AlignedArrays.Create(np);
        var noise = ps.NoiseSigmaPa is { } sigma && sigma > 0
            ? new MembraneNoise(n, sigma, ps.NoiseTauMs, spec.DtMs, spec.Seed, RngPurpose.ForPopulation(RngPurpose.Spontaneous, index))
            : null;
        var pop = new NeuronPopulation
        {
            Name = ps.Name, Index = index, Model = model, Count = n, Lamina = ps.Lamina, X = xs, Y = ys,
            State = state, Refractory = AlignedArrays.Create(np), IExt = iExt, IStim = noise is null ? iExt : AlignedArrays.Create(np),
            Noise = noise, ReceivesCurrent = noise is not null,
            Params = prm, Channels = channels, RefractorySteps = refSteps,
        };
        for (int k = 0; k < state.Length; k++)
        {
            string name = model.StateVariables[k].Name;
            for (int i = 0; i < np; i++) state[k][i] = (float)model.InitialState(name, p => prm[p][i]);
        }
        model.Prepare(pop, spec.DtMs);
        pop.Binding = model.Bind(pop);
        pop.UpdateUniformity();
        uint purpose = RngPurpose.ForPopulation(RngPurpose.Initial, index);
        ulong varIndex = 0;
        foreach (var (variable, init) in ps.Initial)
        {
            varIndex++;
            float[] target = model.StateIndex(variable) is var si and >= 0 ? state[si]
                : variable.StartsWith("g_", StringComparison.Ordinal) && pop.Channel(variable[2..]) is { } ch ? ch.A
                : throw new BuildException($"population {ps.Name} has no state variable '{variable}' " +
                    $"(model {model.Name} has {string.Join(", ", model.StateVariables.Select(v => v.Name))} and g_<receptor>)",
                    $"populations.{ps.Name}.initial.{variable}");
            for (int i = 0; i < n; i++)
                target[i] = (float)(init.Kind switch
                {
                    InitialKind.Constant => init.A,
                    InitialKind.Normal => init.A + init.B * Philox.Normal(spec.Seed, purpose, (uint)i, varIndex),
                    _ => init.A + (init.B - init.A) * Philox.Uniform(spec.Seed, purpose, (uint)i, varIndex),
                });
        }
        return pop;
    }

    private static SpikeSourcePopulation BuildSources(ScenarioSpec spec, PopulationSpec ps, int index, int[] conduction)
    {
        bool[]? ectopic = null;
        if (ps.EctopicFraction < 1)
        {
            // which fibres are ectopic is a property of the injured nerve: drawn once per fibre from the seed
            ectopic = new bool[ps.Count];
            uint purpose = RngPurpose.ForPopulation(RngPurpose.EctopicFibres, index);
            for (int i = 0; i < ps.Count; i++) ectopic[i] = Philox.Uniform(spec.Seed, purpose, (uint)i, 0) < ps.EctopicFraction;
        }
        var pep = new bool[ps.Count];
        int nPep = (int)Math.Round(ps.PeptidergicFraction * ps.Count);
        for (int i = 0; i < nPep; i++) pep[i] = true; // the first fibres are the peptidergic ones
        var last = new long[ps.Count];
        Array.Fill(last, long.MinValue / 2);
        var (tx, ty) = TerminalPlaces(spec, ps, index, pep);
        return new SpikeSourcePopulation
        {
            TerminalX = tx, TerminalY = ty,
            Name = ps.Name, Index = index, Count = ps.Count, Kind = ps.Kind, Fibre = ps.Fibre,
            ConductionSteps = conduction, LastSpike = last, Peptidergic = pep, FiresNow = new bool[ps.Count],
            FiresAtRoot = new bool[ps.Count],
            // same velocity over the root: its share of the whole path's delay
            RootConductionSteps = ps.RootLengthUm is { } root && ps.ConductionDistanceUm is { } dist && dist > 0
                ? conduction.Select(c => Math.Max(1, (int)Math.Round(c * root / dist))).ToArray() : null,
            EctopicRateHz = ps.Kind == PopulationKind.Descending ? ps.RateHz : ps.EctopicRateHz,
            EctopicFibres = ectopic,
            SlowingPerSpike = ps.Kind == PopulationKind.Afferent ? ps.SlowingPerSpike ?? FibreClasses.DefaultSlowingPerSpike(ps.Fibre) : 0,
            SlowingRecoveryMs = ps.SlowingRecoveryMs ?? FibreClasses.DefaultSlowingRecoveryMs(ps.Fibre),
        };
    }

    private static Projection BuildProjection(ScenarioSpec spec, int k, List<Population> pops, Synapses.ConnectivityCache? cache)
    {
        var pr = spec.Projections[k];
        var src = pops.Find(p => p.Name == pr.From) ?? throw new BuildException($"projection {pr.Name}: no population '{pr.From}'", $"projections.{pr.Name}.from");
        if (pops.Find(p => p.Name == pr.To) is not NeuronPopulation tgt)
            throw new BuildException($"projection {pr.Name}: target '{pr.To}' is not a neuron population", $"projections.{pr.Name}.to");
        uint purpose = RngPurpose.ForProjection(RngPurpose.Connect, k);
        var (rowStart, targets) = cache is not null
            ? cache.Get(pr.Connect, src.Count, tgt.Count, src == tgt, spec.Seed, purpose)
            : Connectivity.Build(pr.Connect, src.Count, tgt.Count, src == tgt, spec.Seed, purpose);
        int r = pr.Receptors.Count;
        var channelIndex = new int[r];
        var baseW = new float[r];
        int ci = 0;
        foreach (var (name, w) in pr.Receptors)
        {
            var ch = tgt.Channel(name) ?? throw new BuildException($"projection {pr.Name}: target {tgt.Name} has no receptor '{name}'", $"projections.{pr.Name}.receptors.{name}");
            channelIndex[ci] = ch.Index;
            baseW[ci++] = (float)w;
        }
        var weights = new float[targets.Length * r];
        uint wPurpose = RngPurpose.ForProjection(RngPurpose.Weight, k);
        for (int s = 0; s < targets.Length; s++)
        {
            double f = pr.WeightJitter > 0 ? Math.Max(0, 1 + pr.WeightJitter * Philox.Normal(spec.Seed, wPurpose, (uint)s, 0)) : 1;
            for (int c = 0; c < r; c++) weights[s * r + c] = (float)(baseW[c] * f);
        }
        // peptide receptors (NK1) are activated by the peptidergic fibres of an afferent source only
        if (src is SpikeSourcePopulation { Kind: PopulationKind.Afferent } aff)
            for (int c = 0; c < r; c++)
            {
                if (!tgt.Channels[channelIndex[c]].Peptide || baseW[c] == 0) continue;
                if (!aff.Peptidergic.Any(x => x))
                    throw new BuildException($"projection {pr.Name}: {tgt.Channels[channelIndex[c]].Name} is a peptide receptor, but no fibre of {aff.Name} is peptidergic");
                for (int i = 0; i < aff.Count; i++)
                    if (!aff.Peptidergic[i])
                        for (int s = rowStart[i]; s < rowStart[i + 1]; s++) weights[s * r + c] = 0;
            }
        // the fibre's conduction delay is applied at the source (SpikeSourcePopulation.Arriving)
        var projection = new Projection
        {
            Name = pr.Name, Index = k, Source = src, Target = tgt, ChannelIndex = channelIndex,
            RowStart = rowStart, Targets = targets, Weights = weights, DelaySteps = DelaySteps(pr.DelayMs, spec.DtMs),
            Dynamics = pr.Stp is { } stp ? new ShortTermDynamics(src.Count, stp.U, stp.TauRecMs, stp.TauFacMs, spec.DtMs) : null,
            ReleaseProbability = (float)pr.ReleaseProbability, ReleaseSeed = spec.Seed,
        };
        projection.RefreshUniformWeight();
        if (pr.Plasticity is { } lp) projection.Plasticity = new CalciumPlasticity(projection, lp, spec.DtMs, spec.Seed);
        else if (pr.Stdp is { } sp) projection.Plasticity = new StdpPlasticity(projection, sp, spec.DtMs);
        return projection;
    }

    /// <summary>Each target's rings get one slot per step of its longest incoming delay, plus one.</summary>
    /// <summary>
    /// Each target's rings get one slot per step of its longest incoming delay, plus one. When every input of
    /// a population arrives on the next step (delay one step) and every channel is a single exponential
    /// with unit normalisation, arrivals are added to the channel state itself instead (Brian2 and NEST do
    /// the same for such synapses): the neurons then read one array per channel instead of two and write no
    /// ring back, which is most of COBA's neuron-phase memory traffic.
    /// </summary>
    private static void SizeRings(List<Population> pops, List<Projection> projections)
    {
        foreach (var pop in pops.OfType<NeuronPopulation>())
        {
            int maxDelay = 1;
            foreach (var pr in projections)
                if (pr.Target == pop) maxDelay = Math.Max(maxDelay, pr.DelaySteps);
            bool direct = maxDelay == 1 && pop.Channels.All(c => c.B is null && c.Norm == 1f);
            foreach (var ch in pop.Channels)
            {
                ch.ArrivesInState = direct;
                ch.RingSlots = direct ? 1 : maxDelay + 1;
                ch.Ring = direct ? ch.A : AlignedArrays.Create((long)ch.RingSlots * pop.PaddedCount);
            }
        }
    }

    private static void AddStimulus(ScenarioSpec spec, int k, List<Population> pops, List<SpikeDrive> drives, List<ScheduledEvent> events)
    {
        var st = spec.Stimuli[k];
        foreach (var name in st.AllTargets)
        {
            var target = pops.Find(p => p.Name == name) ?? throw new BuildException($"stimulus {st.Name}: no population '{name}'", $"stimuli.{st.Name}.target");
            AddStimulus(spec, k, st, target, drives, events);
        }
    }

    /// <summary>
    /// Each fibre's threshold (a multiple of the Aβ threshold) and whether it is in the stimulus's fraction,
    /// drawn once; a pulse recruits the fibres in the fraction whose threshold it reaches (all of them
    /// without an intensity).
    /// </summary>
    private static (double[] Threshold, bool[] InFraction) RecruitmentDraws(ScenarioSpec spec, int k, StimulusSpec st, SpikeSourcePopulation src)
    {
        var threshold = new double[src.Count];
        var inFraction = new bool[src.Count];
        uint purpose = RngPurpose.ForPopulation(RngPurpose.Recruit, k);
        uint thresholdPurpose = RngPurpose.ForPopulation(RngPurpose.Threshold, src.Index);
        for (int i = 0; i < src.Count; i++)
        {
            threshold[i] = FibreClasses.ThresholdT(src.Fibre) *
                           Math.Exp(FibreClasses.ThresholdSpread * Philox.Normal(spec.Seed, thresholdPurpose, (uint)i, 0));
            inFraction[i] = st.Fraction >= 1 || Philox.Uniform(spec.Seed, purpose, (uint)i, (ulong)src.Index) < st.Fraction;
        }
        return (threshold, inFraction);
    }

    private static void AddStimulus(ScenarioSpec spec, int k, StimulusSpec st, Population target, List<SpikeDrive> drives, List<ScheduledEvent> events)
    {
        long start = (long)Math.Round(st.StartMs / spec.DtMs);
        long end = st.DurationMs is { } dur ? (long)Math.Round((st.StartMs + dur) / spec.DtMs) : long.MaxValue;
        switch (st.Protocol)
        {
            case StimulusProtocol.PulseTrain when target is SpikeSourcePopulation src:
            {
                var pulses = new long[st.Count];
                for (int i = 0; i < st.Count; i++) pulses[i] = (long)Math.Round((st.StartMs + i * 1000.0 / st.FrequencyHz) / spec.DtMs);
                var (threshold, inFraction) = RecruitmentDraws(spec, k, st, src);
                var drive = new PulseTrainDrive
                {
                    Name = st.Name, Target = src, PulseSteps = pulses, Recruited = new bool[src.Count],
                    ThresholdT = threshold, InFraction = inFraction,
                };
                drive.SetIntensity(st.IntensityT);
                drives.Add(drive);
                break;
            }
            case StimulusProtocol.Poisson when target is SpikeSourcePopulation src:
                drives.Add(new PoissonDrive
                {
                    Name = st.Name, Target = src, StartStep = start, EndStep = end, RateHz = st.RateHz,
                    DtMs = spec.DtMs, Seed = spec.Seed, Stream = RngPurpose.ForStimulus(RngPurpose.Poisson, k, target.Index),
                    Firing = new GeometricFiring(src.Count),
                });
                break;
            case StimulusProtocol.Scs when target is SpikeSourcePopulation src:
            {
                uint stream = RngPurpose.ForStimulus(RngPurpose.Scs, k, target.Index);
                drives.Add(new RepetitiveStimulationDrive
                {
                    Name = st.Name, Target = src, StartStep = start, EndStep = end, DtMs = spec.DtMs, Seed = spec.Seed, Stream = stream,
                    Recruited = RepetitiveStimulationDrive.Recruitment(spec.Seed, RngPurpose.ForStimulus(RngPurpose.ScsThreshold, k, target.Index), src.Count, st),
                    PeriodSteps = 1000.0 / st.FrequencyHz / spec.DtMs, Mode = st.Mode, BurstCount = st.BurstCount,
                    BurstPeriodSteps = 1000.0 / st.BurstFrequencyHz / spec.DtMs,
                    AbsoluteRefractorySteps = src.RefractorySteps, RelativeRefractoryMs = st.RelativeRefractoryMs,
                });
                break;
            }
            case StimulusProtocol.Tens or StimulusProtocol.Drg when target is SpikeSourcePopulation src:
            {
                uint stream = RngPurpose.ForStimulus(RngPurpose.Scs, k, target.Index);
                drives.Add(new RepetitiveStimulationDrive
                {
                    Name = st.Name, Target = src, StartStep = start, EndStep = end, DtMs = spec.DtMs, Seed = spec.Seed, Stream = stream,
                    // the fibres' own electrical thresholds, as pulse_train draws them
                    Recruited = RepetitiveStimulationDrive.TensRecruitment(spec.Seed, RngPurpose.ForPopulation(RngPurpose.Threshold, src.Index), src, st),
                    PeriodSteps = 1000.0 / st.FrequencyHz / spec.DtMs, Mode = st.Mode, BurstCount = st.BurstCount,
                    BurstPeriodSteps = 1000.0 / st.BurstFrequencyHz / spec.DtMs,
                    AbsoluteRefractorySteps = src.RefractorySteps, RelativeRefractoryMs = st.RelativeRefractoryMs,
                    AtRoot = st.Protocol == StimulusProtocol.Drg,
                });
                break;
            }
            case StimulusProtocol.Natural when target is SpikeSourcePopulation src:
                drives.Add(st.Input == NaturalInput.Medlock2022 ? Medlock2022Drive.Create(spec, k, st, src) : NaturalDrive.Create(spec, k, st, src));
                break;
            case StimulusProtocol.Current when target is NeuronPopulation np:
            {
                var who = st.Neurons ?? Enumerable.Range(0, np.Count).ToArray();
                float amp = (float)st.AmplitudePa;
                np.ReceivesCurrent = true;
                events.Add(new ScheduledEvent(start, events.Count, $"{st.Name} on", _ => { foreach (int i in who) np.IStim[i] += amp; }));
                if (end != long.MaxValue)
                    events.Add(new ScheduledEvent(end, events.Count, $"{st.Name} off", _ => { foreach (int i in who) np.IStim[i] -= amp; }));
                break;
            }
            default:
                throw new BuildException($"stimulus {st.Name}: protocol {st.Protocol} cannot drive population {target.Name}", $"stimuli.{st.Name}.target", $"stimuli.{st.Name}");
        }
    }
}
