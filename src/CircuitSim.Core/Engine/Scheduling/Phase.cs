namespace CircuitSim.Engine.Scheduling;

/// <summary>Who runs a phase: every worker over its own slice, or worker 0 alone.</summary>
public enum PhaseOwner { AllWorkers, OneWorker }

/// <summary>
/// One phase of a simulation step (neurons, sources, delivery, substances, fields, agents,
/// plasticity): an owner, a clock (every step, or every <see cref="Every"/> steps: substances and
/// glia step on a slower clock than neurons), and whether a barrier follows it (needed when the next
/// phase reads what this one writes). Phases run in schedule order; a phase that is not due this
/// step is skipped with its barrier, which every worker decides alike from the step number.
/// </summary>
public abstract class Phase
{
    protected Phase(string name, PhaseOwner owner, int every = 1, bool barrierAfter = true)
    {
        if (every < 1) throw new ArgumentOutOfRangeException(nameof(every), "a phase's clock must be at least 1 step");
        Name = name;
        Owner = owner;
        Every = every;
        BarrierAfter = barrierAfter;
    }

    public string Name { get; }
    public PhaseOwner Owner { get; }
    /// <summary>The phase runs on steps t with t mod Every = Offset.</summary>
    public int Every { get; }
    public int Offset { get; init; }
    public bool BarrierAfter { get; }

    public bool IsDue(long step) => Every == 1 || step % Every == Offset;

    /// <summary>Called once before the first step of a run (and after a reset) with the simulation's worker layout.</summary>
    public virtual void Prepare(Simulation simulation) { }

    /// <summary>
    /// Runs the phase for step <paramref name="step"/> on worker <paramref name="worker"/> (always 0
    /// for a <see cref="PhaseOwner.OneWorker"/> phase). Returns the synaptic events it delivered, if any.
    /// </summary>
    public abstract long Run(int worker, long step);
}

/// <summary>A phase given as a delegate: the way mechanisms outside the engine (substances, glia) add their step.</summary>
public sealed class DelegatePhase(string name, PhaseOwner owner, Action<int, long> run, int every = 1, bool barrierAfter = true)
    : Phase(name, owner, every, barrierAfter)
{
    public override long Run(int worker, long step) { run(worker, step); return 0; }
}
