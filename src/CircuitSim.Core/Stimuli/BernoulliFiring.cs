using System.Runtime.CompilerServices;
using CircuitSim.Random;

namespace CircuitSim.Stimuli;

/// <summary>
/// Independent Bernoulli firing of a population's fibres in one step, from the counter-based stream
/// (seed, stream, block of four fibres, step): the same spikes for any thread count. For rates that
/// change from step to step (natural stimuli, the Medlock 2022 input); a rate that holds for many steps
/// (Poisson stimuli, ectopic firing) is cheaper as waiting times (<see cref="GeometricFiring"/>).
/// </summary>
public static class BernoulliFiring
{
    /// <summary>
    /// Fibre i fires with probability <paramref name="scale"/>·<paramref name="perFibre"/>[i], or
    /// <paramref name="scale"/> when <paramref name="perFibre"/> is null; blocks of four fibres whose
    /// <paramref name="blockActive"/> entry is false are skipped.
    /// </summary>
    public static void Fire(ulong seed, uint stream, long step, float scale, bool[] fires, float[]? perFibre = null, bool[]? blockActive = null)
    {
        int n = fires.Length;
        for (int i = 0, b = 0; i < n; i += 4, b++)
        {
            if (blockActive is not null && !blockActive[b]) continue;
            var (w0, w1, w2, w3) = Philox.Next(seed, stream, (uint)b, (ulong)step);
            if (Philox.ToUnitFloat(w0) < P(perFibre, i, scale)) fires[i] = true;
            if (i + 1 < n && Philox.ToUnitFloat(w1) < P(perFibre, i + 1, scale)) fires[i + 1] = true;
            if (i + 2 < n && Philox.ToUnitFloat(w2) < P(perFibre, i + 2, scale)) fires[i + 2] = true;
            if (i + 3 < n && Philox.ToUnitFloat(w3) < P(perFibre, i + 3, scale)) fires[i + 3] = true;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float P(float[]? perFibre, int i, float scale) => perFibre is null ? scale : perFibre[i] * scale;
}
