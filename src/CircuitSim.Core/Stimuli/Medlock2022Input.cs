using CircuitSim.Model;

namespace CircuitSim.Stimuli;

/// <summary>
/// The afferent input of Medlock et al. 2022 (J Neurosci 42:3133), as their public code generates it
/// (ModelDB 267056, spkt_gen.py and cfg_mechanical.py; lauramedlock/SDH-network cfg for the forces
/// below 50 mN): each fibre class fires as an inhomogeneous Poisson process whose rate follows a
/// polynomial in time since the onset of the press, fitted to recorded afferent rates, scaled by a
/// factor that depends on the force. Every fibre of a class gets the same rate curve.
/// <list type="bullet">
/// <item>Aβ (their SA-I and SA-II): (−1.454e-10 t³ + 1.3406e-6 t² − 3.782e-3 t + 4.527)·8 Hz, t in ms
/// (36.2 Hz at onset, 7.7 Hz at 5 s); scaled by force/50 mN up to 50 mN, by 1 above.</item>
/// <item>Aδ: −7.265e-15 t⁴ + 1.5738e-10 t³ − 8.2015e-7 t² − 2.5399e-3 t + 27.184 Hz (27.2 → 9.1 Hz);
/// C: 9.630e-15 t⁴ − 2.8446e-10 t³ + 3.0129e-6 t² − 1.4004e-2 t + 31.865 Hz (31.9 → 7.6 Hz); both
/// scaled by 0.001 up to 30 mN and by force/400 mN from 50 mN (0.125, 0.25, 0.5, 1, 2 at 50, 100,
/// 200, 400, 800 mN). Between 30 and 50 mN, which their table skips, the factor is interpolated
/// linearly (our choice).</item>
/// </list>
/// The curves are fitted over their 5 s presses: past 5 s the rate stays at its 5 s value (our
/// choice). Their model has no rapidly adapting Aβ class: RA fibres stay silent under this input.
/// </summary>
public static class Medlock2022Input
{
    /// <summary>Length of the presses the curves were fitted to, ms.</summary>
    public const double FittedMs = 5000;

    /// <summary>Rate of one fibre of the class <paramref name="tMs"/> after the onset of a press, Hz.</summary>
    public static double RateHz(FibreClass fibre, Adaptation adaptation, double forceMn, double tMs)
    {
        double t = Math.Clamp(tMs, 0, FittedMs);
        return fibre switch
        {
            FibreClass.Abeta when adaptation == Adaptation.Rapid => 0,
            FibreClass.Abeta => AbetaScale(forceMn) * 8 * (((-1.454e-10 * t + 1.3406e-6) * t - 3.782e-3) * t + 4.527),
            FibreClass.Adelta => NociceptorScale(forceMn) * ((((-7.265e-15 * t + 1.5738e-10) * t - 8.2015e-7) * t - 2.5399e-3) * t + 27.184),
            FibreClass.C => NociceptorScale(forceMn) * ((((9.630e-15 * t - 2.8446e-10) * t + 3.0129e-6) * t - 1.4004e-2) * t + 31.865),
            _ => 0,
        };
    }

    /// <summary>Their AB_ratio: 0.1 … 0.6 for 5 … 30 mN, 1 from 50 mN.</summary>
    public static double AbetaScale(double forceMn) => Math.Min(forceMn / 50, 1);

    /// <summary>Their stim_ratios: 0.001 up to 30 mN, force/400 mN from 50 mN, linear in between.</summary>
    public static double NociceptorScale(double forceMn) => forceMn switch
    {
        <= 30 => 0.001,
        >= 50 => forceMn / 400,
        _ => 0.001 + (forceMn - 30) / 20 * (50.0 / 400 - 0.001),
    };
}
