namespace CircuitSim.Model;

public enum StimulusProtocol { PulseTrain, Poisson, Current }

public sealed class StimulusSpec
{
    public required string Name { get; set; }
    public required string Target { get; set; }
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
    /// <summary>poisson, current: how long it lasts, ms; null means to the end of the run.</summary>
    public double? DurationMs { get; set; }
    /// <summary>current: injected current, pA.</summary>
    public double AmplitudePa { get; set; }
    /// <summary>current: which neurons of the target receive it; null means all.</summary>
    public int[]? Neurons { get; set; }
}
