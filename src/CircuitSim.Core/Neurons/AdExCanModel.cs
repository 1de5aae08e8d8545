using CircuitSim.Model;

namespace CircuitSim.Neurons;

/// <summary>
/// AdEx with intracellular calcium and the two intrinsic currents behind the plateau potentials and
/// wind-up of deep dorsal horn (lamina V, wide-dynamic-range) neurons: a high-threshold L-type Ca²⁺
/// current and a Ca²⁺-activated non-selective cation current (I_CAN). Morisset &amp; Nagy 1999 (J Neurosci
/// 19:7309): ~28 % of lamina V neurons show plateau potentials that need L-type Ca²⁺ influx (nifedipine
/// blocks, Bay K 8644 enhances) followed by I_CAN (BAPTA, flufenamate and Na⁺ replacement shorten them).
/// Aguiar, Sousa &amp; Lima 2010 (J Neurophysiol 104:1155; ModelDB 128559) showed NMDA currents with
/// L-type and CAN currents suffice for wind-up; the kinetics and magnitudes here are theirs (files
/// iCaAN.mod, iCaL.mod, CaIntraCellDyn.mod, WDR.hoc of the ModelDB code), reduced to a point neuron:
///   I_CaL = gCaL·mL∞(v)²·(E_Ca − v), mL∞ = 1/(1 + e^(−(v − V½)/k)), V½ −10 mV, k 10 mV, activation
///           instantaneous (τ 0.15–0.4 ms &lt; dt); no inactivation;
///   d[Ca]/dt = −([Ca] − Ca_rest)/τ_Ca + κ·max(0, I_Ca), the submembrane shell of CaIntraCellDyn
///           (Ca_rest 50 nM, τ_Ca 2 ms); I_Ca is the L-type current plus the Ca²⁺-carried share of the
///           synaptic currents (NMDA 10 %); κ = 0.0412 µM/fC is their 0.1 µm shell over the 1257 µm²
///           dendritic segment that holds the synapses;
///   I_CAN = gCAN·m²·(E_CAN − v), dm/dt = (m∞ − m)/τ_m, m∞ = x²/(1 + x²), τ_m = τ_CAN/(1 + x²),
///           x = [Ca]/EC50, EC50 0.5 µM, τ_CAN 4.3 s (their β 2·10⁻³/ms, factor 40, Q10 3 at 36 °C),
///           gCAN 0.9 nS (7·10⁻⁵ S/cm² over that segment), E_CAN 0 mV (the value their simulations ran with);
///   a spike adds the Ca²⁺ of its action potential, Q_spike = 78 fC: the point neuron's spike is a reset, not
///           a waveform, so the L-type entry during it is added at once — their dendritic L-type current at
///           0 mV (0.39 nA over the dendrite, 0.078 nA over the synaptic segment) for a 1 ms action potential
///           (an estimate derived from their channel, not a measurement).
/// The slow memory of wind-up is the CAN gate: ~4 s to close at resting calcium, so it builds from pulse
/// to pulse at 1 Hz and not at 0.1 Hz. Integration: the CaL and CAN conductances are held over the step
/// and join the synaptic ones in the AdEx step (exact leak); [Ca] and m relax exactly towards their
/// step's targets.
/// </summary>
public sealed partial class AdExCanModel : NeuronModel
{
    public override string Name => "adex_can";
    public override string Description => "AdEx with L-type Ca2+, intracellular calcium and a Ca2+-activated cation current (plateau potentials)";

    public override IReadOnlyList<ParameterInfo> Parameters { get; } = AdExModel.SharedParameters.Concat(new[]
    {
        P("gCAN", Dimension.Conductance, 0.9, "Ca²⁺-activated non-selective cation conductance"),
        P("E_CAN", Dimension.Voltage, 0, "reversal of I_CAN"),
        P("CAN_EC50", Dimension.Concentration, 0.5, "[Ca] of half activation of I_CAN (Hill n = 2)"),
        P("tau_CAN", Dimension.Time, 4295, "I_CAN gate time constant at zero calcium"),
        P("gCaL", Dimension.Conductance, 1.6, "L-type Ca²⁺ conductance (chord)"),
        P("E_Ca", Dimension.Voltage, 120, "Ca²⁺ reversal"),
        P("CaL_half", Dimension.Voltage, -10, "half activation of the L-type gate"),
        P("CaL_slope", Dimension.Voltage, 10, "slope of the L-type gate"),
        P("Ca_rest", Dimension.Concentration, 0.05, "resting intracellular [Ca]"),
        P("tau_Ca", Dimension.Time, 2, "decay of the submembrane [Ca]"),
        P("Ca_per_charge", Dimension.ConcentrationPerCharge, 0.0412, "[Ca] rise per charge of Ca²⁺ current (shell volume)"),
        P("Ca_per_spike", Dimension.Charge, 78, "Ca²⁺ charge entering through high-threshold (L-type) channels during one action potential"),
    }).ToArray();

    public override IReadOnlyList<StateVariable> StateVariables { get; } = new[]
    {
        S("v", Dimension.Voltage, "membrane potential"),
        S("w", Dimension.Current, "adaptation current"),
        S("ca", Dimension.Concentration, "submembrane [Ca²⁺]"),
        S("m_CAN", Dimension.Dimensionless, "I_CAN gate"),
    };

    public override IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Presets => NeuronModels.AdEx.Presets;

    public override double InitialState(string variable, Func<string, double> param) => variable switch
    {
        "v" => param("EL"),
        "ca" => param("Ca_rest"),
        "m_CAN" => CanGateSteadyState(param("Ca_rest") / param("CAN_EC50")),
        _ => 0,
    };

    internal static double CanGateSteadyState(double x) => x * x / (1 + x * x);
}
