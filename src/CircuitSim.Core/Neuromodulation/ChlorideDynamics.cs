using CircuitSim.Engine;
using CircuitSim.Model;
using CircuitSim.Synapses;

namespace CircuitSim.Neuromodulation;

/// <summary>
/// Intracellular chloride of the populations that have it (see <see cref="ChlorideSpec"/>), structure of arrays,
/// advanced on the slow clock: the anion current of each neuron's GABA_A and glycine channels (sampled at the tick)
/// loads chloride, KCC2 extrudes it, and the neuron's ECl follows; KCC2 expression relaxes to the target that
/// modulation sets. Writes each neuron's ECl, which the kernels read.
/// </summary>
public sealed class ChlorideDynamics
{
    private const double Faraday = 96485.332; // C/mol
    private const double Gas = 8.314462;      // J/(mol·K)

    public sealed class Population
    {
        public required NeuronPopulation Neurons { get; init; }
        public required ChlorideSpec Spec { get; init; }
        public required double[] ChlorideMm { get; init; }
        public required double RestMm { get; init; }
        public required double RtOverF { get; init; }
        public required ReceptorChannel[] AnionChannels { get; init; }
        /// <summary>The neurons' ECl parameter array, which the kernels read and this class writes.</summary>
        public required float[] ECl { get; init; }
        /// <summary>KCC2 expression now (the population's mean), and the target modulation sets (1 = normal).</summary>
        public double Kcc2 { get; set; }
        public double Kcc2Target { get; set; } = 1;
        /// <summary>Each neuron's KCC2 expression: the population's target times its local factor, reached over the expression time.</summary>
        public required double[] Kcc2PerNeuron { get; init; }
        /// <summary>
        /// A factor on each neuron's KCC2 target from what is around it in the tissue (BDNF near microglia: Coull et al.
        /// 2005), set by the tissue's fields; null: 1 for every neuron.
        /// </summary>
        public double[]? LocalFactor { get; set; }
        /// <summary>Mean anion reversal over the population, mV, as of the last tick.</summary>
        public double MeanEAnion { get; set; }
    }

    public Population[] Populations { get; }

    public ChlorideDynamics(ScenarioSpec spec, IReadOnlyList<Engine.Population> pops)
    {
        var list = new List<Population>();
        foreach (var ps in spec.Populations)
        {
            if (ps.Chloride is not { } cs || pops.FirstOrDefault(p => p.Name == ps.Name) is not NeuronPopulation np) continue;
            double rtf = Gas * (273.15 + cs.TemperatureC) / Faraday * 1000; // mV
            // the resting [Cl]i that gives the population's ECl parameter at normal KCC2
            double e0 = np.Param("ECl")[0];
            double outside = cs.OutsideMm + cs.Hco3Ratio * cs.Hco3OutMm;
            double rest = Math.Max(0.1, outside * Math.Exp(e0 / rtf) - cs.Hco3Ratio * cs.Hco3InMm);
            var cl = new double[np.Count];
            Array.Fill(cl, rest / cs.Kcc2);
            np.ParamsChangeDuringRun = true;
            np.UpdateUniformity();
            var pop = new Population
            {
                Neurons = np, Spec = cs, ChlorideMm = cl, RestMm = rest, RtOverF = rtf, Kcc2 = cs.Kcc2,
                Kcc2PerNeuron = Enumerable.Repeat(cs.Kcc2, np.Count).ToArray(),
                AnionChannels = np.Channels.Where(c => c.UsesChloride).ToArray(), ECl = np.Param("ECl"),
            };
            WriteReversal(pop);
            list.Add(pop);
        }
        Populations = list.ToArray();
    }

    public int IndexOf(string population) => Array.FindIndex(Populations, p => p.Neurons.Name == population);

    /// <summary>Advances chloride and KCC2 by <paramref name="dtMs"/> and writes each neuron's ECl.</summary>
    public void Advance(double dtMs)
    {
        foreach (var p in Populations)
        {
            var cs = p.Spec;
            double relax = 1 - Math.Exp(-dtMs / cs.ExpressionTauMs);
            var kcc2 = p.Kcc2PerNeuron;
            var local = p.LocalFactor;
            double sumKcc2 = 0;
            for (int i = 0; i < kcc2.Length; i++)
            {
                kcc2[i] += (p.Kcc2Target * (local is null ? 1 : local[i]) - kcc2[i]) * relax;
                sumKcc2 += kcc2[i];
            }
            p.Kcc2 = local is null && kcc2.Length > 0 ? kcc2[0] : kcc2.Length > 0 ? sumKcc2 / kcc2.Length : p.Kcc2Target;
            var v = p.Neurons.State[0];
            // pA → mM/ms in the loaded volume, for the Cl⁻ share 1/(1 + r) of the anion conductance
            double perPa = 1e-15 / Faraday / (cs.VolumePl * 1e-12) * 1e3 / (1 + cs.Hco3Ratio);
            double leak = p.RestMm / cs.ExtrusionTauMs;
            var cl = p.ChlorideMm;
            for (int i = 0; i < cl.Length; i++)
            {
                // KCC2 never vanishes entirely (a floor keeps chloride bounded when modulation takes it all)
                double k = Math.Max(1e-3, kcc2[i]) / cs.ExtrusionTauMs;
                double g = 0;
                foreach (var ch in p.AnionChannels)
                {
                    float a = ch.A[i] - (ch.B is { } b ? b[i] : 0f);
                    // the same conductance the membrane sees: drug block, modulation and the tissue's local gain
                    g += ch.Effective(a) * ch.ScaleAt(i);
                }
                // the Cl⁻ current is driven by chloride's own reversal (not the anion reversal, which includes
                // HCO3⁻): outward current (V above E_Cl) is Cl⁻ flowing in
                double eCl = p.RtOverF * Math.Log(cl[i] / cs.OutsideMm);
                double load = g * (v[i] - eCl) * perPa;
                cl[i] = Math.Max(0.1, (cl[i] + dtMs * (load + leak)) / (1 + dtMs * k));
            }
            WriteReversal(p);
        }
    }

    private static void WriteReversal(Population p)
    {
        var cs = p.Spec;
        var ecl = p.ECl;
        double outside = cs.OutsideMm + cs.Hco3Ratio * cs.Hco3OutMm, sum = 0;
        for (int i = 0; i < p.ChlorideMm.Length; i++)
        {
            double e = p.RtOverF * Math.Log((p.ChlorideMm[i] + cs.Hco3Ratio * cs.Hco3InMm) / outside);
            ecl[i] = (float)e;
            sum += e;
        }
        p.MeanEAnion = p.ChlorideMm.Length > 0 ? sum / p.ChlorideMm.Length : 0;
    }
}
