namespace CircuitSim.Model;

public enum StimulusProtocol { PulseTrain, Poisson, Current, Natural, Scs, Tens, Drg }

/// <summary>Spinal cord stimulation waveform: regular pulses, or bursts of pulses (De Ridder et al. 2010).</summary>
public enum ScsMode { Tonic, Burst }

/// <summary>What a <c>natural</c> stimulus does to the skin: press on it, or heat it.</summary>
public enum NaturalModality { Mechanical, Heat }

/// <summary>How a natural stimulus becomes afferent rates: CircuitSim's per-fibre transduction, or the
/// input table of Medlock et al. 2022 (one rate curve per fibre class, scaled by force).</summary>
public enum NaturalInput { Transduction, Medlock2022 }

public sealed class StimulusSpec
{
    public required string Name { get; set; }
    public required string Target { get; set; }
    /// <summary>All target populations (a pulse_train may stimulate a nerve of several fibre classes); Target is the first.</summary>
    public List<string> Targets { get; } = new();
    public IEnumerable<string> AllTargets => Targets.Count > 0 ? Targets : new[] { Target };
    /// <summary>pulse_train: intensity in multiples of the Aβ threshold (T); null recruits every fibre (see Fraction).</summary>
    public double? IntensityT { get; set; }
    public StimulusProtocol Protocol { get; set; }
    public double StartMs { get; set; }
    /// <summary>pulse_train: number of pulses.</summary>
    public int Count { get; set; } = 1;
    /// <summary>pulse_train: pulse frequency, Hz.</summary>
    public double FrequencyHz { get; set; } = 1;
    /// <summary>pulse_train: pulse width, ms (2 ms by default).</summary>
    public double PulseWidthMs { get; set; } = 2;
    /// <summary>pulse_train: fraction of the target's fibres recruited by each pulse.</summary>
    public double Fraction { get; set; } = 1;
    /// <summary>poisson: rate of each fibre, Hz.</summary>
    public double RateHz { get; set; }
    /// <summary>poisson, current, natural: how long it lasts, ms; null means to the end of the run.</summary>
    public double? DurationMs { get; set; }
    /// <summary>current: injected current, pA.</summary>
    public double AmplitudePa { get; set; }
    /// <summary>current: which neurons of the target receive it; null means all.</summary>
    public int[]? Neurons { get; set; }
    /// <summary>natural: mechanical (a press of <see cref="ForceMn"/>) or heat (a step to <see cref="TemperatureC"/>).</summary>
    public NaturalModality Modality { get; set; }
    /// <summary>natural, mechanical: force applied to the skin, mN.</summary>
    public double ForceMn { get; set; }
    /// <summary>natural, heat: skin temperature during the stimulus, °C (the baseline is 32 °C).</summary>
    public double TemperatureC { get; set; } = 32;
    /// <summary>natural: where the afferent rates come from.</summary>
    public NaturalInput Input { get; set; } = NaturalInput.Transduction;

    // ---- scs (spinal cord stimulation of dorsal column fibres); frequency is FrequencyHz, width PulseWidthMs ----
    /// <summary>scs: amplitude as a fraction of the motor threshold (clinicians' and Shechter et al. 2013's unit).</summary>
    public double AmplitudeMt { get; set; }
    public ScsMode Mode { get; set; } = ScsMode.Tonic;
    /// <summary>scs burst: pulses per burst and their rate within the burst.</summary>
    public int BurstCount { get; set; } = 5;
    public double BurstFrequencyHz { get; set; } = 500;
    /// <summary>scs: median dorsal column fibre threshold at 0.2 ms, as a fraction of the motor threshold, and its log-normal spread.</summary>
    public double ThresholdMt { get; set; } = 0.6;
    public double ThresholdSpread { get; set; } = 0.25;
    /// <summary>scs: chronaxie of the fibres' strength-duration curve, ms.</summary>
    public double ChronaxieMs { get; set; } = 0.2;
    /// <summary>scs: time constant of recovery from relative refractoriness after the absolute period, ms.</summary>
    public double RelativeRefractoryMs { get; set; } = 2;
}
