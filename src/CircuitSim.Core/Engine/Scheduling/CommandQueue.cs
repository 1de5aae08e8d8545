using System.Collections.Concurrent;

namespace CircuitSim.Engine.Scheduling;

/// <summary>A change to the network: a scheduled event, an intervention, a key pressed in the live view.</summary>
public sealed record Command(string Description, Action<Network> Apply);

/// <summary>A command as it was applied: the step boundary (before step <see cref="Step"/>) and what it did.</summary>
public sealed record AppliedCommand(long Step, string Description, bool Scheduled);

/// <summary>
/// The one way the network changes during a run. Scheduled events (stimulus currents, interventions,
/// `set` at a time) come from the network in step order; commands posted from other threads (the
/// live view, a controller) wait in a FIFO. Both are applied by worker 0 at a step boundary, after a
/// barrier, while no other worker runs, so weights, parameters and availabilities never change under
/// a reader (NEST's update/deliver split; Brian2's schedule slots). Posted commands are applied at the
/// first boundary after they arrive, after that boundary's scheduled events.
/// </summary>
public sealed class CommandQueue
{
    private readonly ConcurrentQueue<Command> _posted = new();
    private IReadOnlyList<ScheduledEvent> _scheduled = Array.Empty<ScheduledEvent>();
    private int _next;
    private readonly List<AppliedCommand> _applied = new();

    /// <summary>Commands applied so far, in order (for provenance, figures and tests).</summary>
    public IReadOnlyList<AppliedCommand> Applied => _applied;

    internal void Load(IReadOnlyList<ScheduledEvent> scheduled)
    {
        _scheduled = scheduled;
        _next = 0;
        _applied.Clear();
    }

    /// <summary>Posts a change from any thread; it is applied at the next step boundary.</summary>
    public void Post(string description, Action<Network> apply) => _posted.Enqueue(new Command(description, apply));

    /// <summary>Drops posted commands that have not been applied (a reset).</summary>
    internal void ClearPosted() { while (_posted.TryDequeue(out _)) { } }

    /// <summary>Whether anything is to be applied at the boundary before step <paramref name="step"/>.</summary>
    internal bool HasDue(long step) => !_posted.IsEmpty || (_next < _scheduled.Count && _scheduled[_next].Step <= step);

    /// <summary>Applies, in order, the scheduled events due by <paramref name="step"/>, then the posted commands.</summary>
    internal void Drain(long step, Network network)
    {
        while (_next < _scheduled.Count && _scheduled[_next].Step <= step)
        {
            var e = _scheduled[_next++];
            e.Apply(network);
            _applied.Add(new AppliedCommand(step, e.Description, true));
        }
        while (_posted.TryDequeue(out var c))
        {
            c.Apply(network);
            _applied.Add(new AppliedCommand(step, c.Description, false));
        }
    }
}
