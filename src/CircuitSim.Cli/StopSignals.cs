using System.Runtime.InteropServices;

namespace CircuitSim.Cli;

/// <summary>
/// Turns SIGINT (Ctrl-C) and SIGTERM (kill, a cluster's time limit, docker stop) into a cancellation:
/// the run stops at the next step boundary and its partial results are written. A second signal is
/// left to its default action, so a run stuck while writing can still be stopped.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly PosixSignalRegistration[] _registrations;

    public StopSignals()
    {
        _registrations = new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM }
            .Select(s => PosixSignalRegistration.Create(s, OnSignal)).ToArray();
    }

    public CancellationToken Token => _cancel.Token;

    private void OnSignal(PosixSignalContext context)
    {
        if (_cancel.IsCancellationRequested) return;
        context.Cancel = true;
        _cancel.Cancel();
    }

    public void Dispose()
    {
        foreach (var r in _registrations) r.Dispose();
        _cancel.Dispose();
    }
}
