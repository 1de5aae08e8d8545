using CircuitSim.Engine;
using CircuitSim.Engine.Scheduling;
using CircuitSim.Model;
using CircuitSim.Recording;

namespace CircuitSim.Tests.Engine;

/// <summary>The step schedule: phases, clocks, the command queue, and run control (pause, step, run to, reset).</summary>
public class ScheduleTests
{
    private static (int[] Ids, double[] Times) Spikes(IReadOnlyList<PopulationSpikes> s) =>
        (s.SelectMany((p, k) => p.NodeIds.Select(i => i + k * 1_000_000)).ToArray(), s.SelectMany(p => p.TimesMs).ToArray());

    private static void AssertSameSpikes(SpikeRecorder a, SpikeRecorder b)
    {
        var (x, y) = (Spikes(a.Result(0.1)), Spikes(b.Result(0.1)));
        Assert.True(x.Ids.Length > 1000, $"{x.Ids.Length} spikes");
        Assert.Equal(x.Ids, y.Ids);
        Assert.Equal(x.Times, y.Times);
    }

    /// <summary>COBA at 4000 neurons with its E→E weights doubled at 100 ms and halved again at 200 ms.</summary>
    private static ScenarioSpec CobaWithWeightChanges()
    {
        var spec = Specs.Coba(4000, 300);
        var up = new InterventionSpec { Name = "up", AtMs = 100 };
        up.Set.Add(new("projections.EE.receptors.exc", 12));
        var down = new InterventionSpec { Name = "down", AtMs = 200 };
        down.Set.Add(new("projections.EE.receptors.exc", 6));
        spec.Interventions.Add(up);
        spec.Interventions.Add(down);
        return spec;
    }

    [Fact]
    public void Weight_change_mid_run_gives_identical_spikes_with_one_two_and_four_threads()
    {
        // regression: worker 0 applied the next step's events while other workers still delivered with the weights
        var spec = CobaWithWeightChanges();
        var one = Spikes(Runner.Run(spec, new RunOptions(BackendKind.Simd, 1)).Spikes);
        Assert.True(one.Ids.Length > 5000, $"{one.Ids.Length} spikes");
        // the change acts: without it the run differs
        var plain = Spikes(Runner.Run(Specs.Coba(4000, 300), new RunOptions(BackendKind.Simd, 1)).Spikes);
        Assert.NotEqual(plain.Ids.Length, one.Ids.Length);
        foreach (int threads in new[] { 2, 4 })
        {
            var many = Spikes(Runner.Run(spec, new RunOptions(BackendKind.Simd, threads)).Spikes);
            Assert.Equal(one.Ids, many.Ids);
            Assert.Equal(one.Times, many.Times);
        }
    }

    private static (Simulation Sim, SpikeRecorder Rec) Make(ScenarioSpec spec, int threads = 1)
    {
        var net = NetworkBuilder.Build(spec);
        var sim = new Simulation(net, BackendKind.Simd, threads, () => NetworkBuilder.Build(spec));
        var rec = new SpikeRecorder(net, null);
        sim.Observers.Add(rec);
        return (sim, rec);
    }

    [Fact]
    public void Running_in_pieces_and_single_steps_equals_one_run()
    {
        var spec = CobaWithWeightChanges();
        var (whole, wrec) = Make(spec);
        whole.Run();
        var (pieces, prec) = Make(spec, threads: 2);
        pieces.RunUntil(1000);
        Assert.Equal(1000, pieces.StepsDone);
        for (int k = 0; k < 7; k++) pieces.StepOnce();
        Assert.Equal(100.7, pieces.TimeMs, 6);
        pieces.RunFor(50);
        pieces.RunUntil(long.MaxValue); // clipped to the scenario's end
        pieces.Finish();
        Assert.Equal(3000, pieces.StepsDone);
        AssertSameSpikes(wrec, prec);
        Assert.Equal(new[] { "intervention up", "intervention down" }, pieces.Commands.Applied.Select(c => c.Description));
        Assert.Equal(new long[] { 1000, 2000 }, pieces.Commands.Applied.Select(c => c.Step));
    }

    [Fact]
    public void Reset_rebuilds_the_network_and_the_rerun_equals_a_fresh_run()
    {
        var spec = Specs.Coba(2000, 200);
        var (fresh, frec) = Make(spec);
        fresh.Run();
        var (sim, rec) = Make(spec);
        sim.Commands.Post("silence E→E", net => Array.Clear(net.Projections[0].Weights));
        sim.RunUntil(700);
        sim.Reset();
        Assert.Equal(0, sim.StepsDone);
        sim.Run();
        AssertSameSpikes(frec, rec);
    }

    [Fact]
    public void A_posted_command_acts_at_the_next_step_boundary_and_is_logged()
    {
        var spec = Specs.Coba(2000, 200);
        var (sim, rec) = Make(spec);
        sim.RunUntil(500);
        // every inhibitory synapse removed: activity runs away from step 500 on
        sim.Commands.Post("no inhibition", net => { foreach (var p in net.Projections.Where(p => p.Name.StartsWith('I'))) { Array.Clear(p.Weights); p.RefreshUniformWeight(); } });
        sim.Run();
        var applied = Assert.Single(sim.Commands.Applied);
        Assert.Equal(500, applied.Step);
        Assert.False(applied.Scheduled);
        var e = rec.Result(0.1)[0];
        double before = e.TimesMs.Count(t => t < 50), after = e.TimesMs.Count(t => t >= 50 && t < 100);
        Assert.True(after > 3 * before, $"E spikes 0-50 ms {before}, 50-100 ms {after}");
    }

    [Fact]
    public void Pause_from_another_thread_stops_at_a_step_boundary_and_the_run_resumes_unchanged()
    {
        var spec = Specs.Coba(2000, 2000);
        var (whole, wrec) = Make(spec);
        whole.Run();
        var (sim, rec) = Make(spec, threads: 2);
        var observer = new PauseAt(sim, 3333);
        sim.Observers.Add(observer);
        sim.RunUntil(long.MaxValue);
        // asked during step 3333's boundary: every worker learns it before the next step's first barrier, and
        // they stop together at the end of that step
        Assert.Equal(3335, sim.StepsDone);
        Assert.False(sim.IsRunning);
        sim.Run();
        Assert.Equal(20000, sim.StepsDone);
        AssertSameSpikes(wrec, rec);
    }

    private sealed class PauseAt(Simulation sim, long step) : ISimulationObserver
    {
        public void OnStep(Network network, long s)
        {
            if (s != step) return;
            var t = new Thread(sim.Pause);
            t.Start();
            t.Join();
        }
    }

    [Fact]
    public void A_phase_on_a_slow_clock_runs_every_k_steps_on_one_worker()
    {
        var spec = Specs.Coba(2000, 10);
        var (sim, _) = Make(spec, threads: 2);
        var seen = new List<(int Worker, long Step)>();
        sim.Schedule.Add(new DelegatePhase("substances", PhaseOwner.OneWorker, (w, t) => seen.Add((w, t)), every: 25));
        sim.Run();
        Assert.Equal(Enumerable.Range(0, 4).Select(k => (0, 25L * k)), seen);
        var phases = sim.Phases.Seconds();
        Assert.Contains("substances", phases.Keys);
        Assert.Contains("neurons", phases.Keys);
        Assert.Contains("delivery", phases.Keys);
    }

    [Fact]
    public void Observers_see_the_state_before_the_boundarys_commands()
    {
        // a command at 5 ms doubles I_bias; the observer at the step before still reads the old value
        var spec = Specs.Empty("observe", 10);
        spec.Populations.Add(Specs.Neurons("N", 1, "lif", ("I_bias", 10)));
        var iv = new InterventionSpec { Name = "more", AtMs = 5 };
        iv.Set.Add(new("populations.N.params.I_bias", 20));
        spec.Interventions.Add(iv);
        var (sim, _) = Make(spec);
        var seen = new Dictionary<long, float>();
        sim.Observers.Add(new Probe((net, t) => seen[t] = ((NeuronPopulation)net.Populations[0]).Param("I_bias")[0]));
        sim.Run();
        Assert.Equal(10f, seen[49]);
        Assert.Equal(20f, seen[50]);
    }

    [Fact]
    public void A_command_posted_during_a_run_sees_the_step_of_its_boundary()
    {
        // regression: a command drained between steps read StepsDone as the step just run, so the live view's
        // train key put its first pulse one step in the past (skipped: 15 pulses of 16) and drugs were timed a step early
        var spec = Specs.Empty("boundary", 10);
        spec.Populations.Add(Specs.Neurons("N", 1, "lif", ("I_bias", 10)));
        var (sim, _) = Make(spec);
        long seenStep = -1;
        double seenMs = -1;
        sim.Observers.Add(new Probe((net, t) =>
        {
            if (t == 29) sim.Commands.Post("look", _ => { seenStep = sim.StepsDone; seenMs = sim.TimeMs; });
        }));
        sim.Run();
        var applied = Assert.Single(sim.Commands.Applied, c => c.Description == "look");
        // posted after this step's boundary was decided, it is applied at the next one; what matters is that it sees it
        Assert.InRange(applied.Step, 30, 31);
        Assert.Equal(applied.Step, seenStep);
        Assert.Equal(applied.Step * 0.1, seenMs, 6);
    }

    private sealed class Probe(Action<Network, long> onStep) : ISimulationObserver
    {
        public void OnStep(Network network, long step) => onStep(network, step);
    }
}
