using System.Diagnostics;
using CircuitSim.Studies.Design;
using CircuitSim.Studies.Results;
using CircuitSim.Studies.Running;
using Spectre.Console;

namespace CircuitSim.Cli;

/// <summary>
/// The study's one progress display: runs done of the total and the time left, from the mean wall
/// time of the runs finished in this session. A bar on a terminal; otherwise a line on stderr per
/// finished run (at most one every 2 s, and the last).
/// </summary>
internal sealed class StudyProgress(IReadOnlyList<CircuitSim.Studies.Design.PlannedRun> runs, ProgressTask? bar, bool quiet) : IJobProgress
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly object _gate = new();
    private int _toRun, _doneNow, _doneBefore, _total;
    private double _lastLine = double.NegativeInfinity;

    public void Started(int toRun, int alreadyDone, int total)
    {
        _toRun = toRun;
        _doneBefore = alreadyDone;
        _total = total;
        if (bar is not null)
        {
            bar.MaxValue = Math.Max(total, 1);
            bar.Value = alreadyDone;
        }
        if (!quiet && alreadyDone > 0)
            Console.Error.WriteLine($"resuming: {alreadyDone} of {total} runs already finished, {toRun} to run");
    }

    public void Finished(RunRecord record, StudyJob job)
    {
        var run = runs[job.Index];
        lock (_gate)
        {
            _doneNow++;
            double wall = _clock.Elapsed.TotalSeconds;
            double eta = (_toRun - _doneNow) * wall / _doneNow;
            int done = _doneBefore + _doneNow;
            if (bar is not null)
            {
                bar.Value = done;
                bar.Description = $"study  {done}/{_total} runs";
            }
            if (record.Status == RunStatus.Failed && !quiet)
                Console.Error.WriteLine($"run {run.Index} (point {run.Point}, arm {run.Arm}, replicate {run.Replicate}) failed: {record.Error}");
            if (bar is null && !quiet && (wall - _lastLine >= 2 || _doneNow == _toRun))
            {
                _lastLine = wall;
                Console.Error.WriteLine($"study: {done}/{_total} runs done, {wall:0} s elapsed, ETA {eta:0} s");
            }
        }
    }
}
