using CircuitSim.Model;

namespace CircuitSim.Stimuli;

/// <summary>
/// Conduction velocities of primary afferents (mammalian peripheral nerve; Djouhri &amp; Lawson
/// 2004 Brain Res Rev 46:131; Harper &amp; Lawson 1985 J Physiol 359:31): C fibres 0.5–2 m/s
/// (default 1 m/s), Aδ 5–30 m/s (default 10 m/s), Aβ 35–75 m/s (default 40 m/s).
/// </summary>
public static class FibreClasses
{
    public static double DefaultVelocity(FibreClass f) => f switch
    {
        FibreClass.C => 1.0,
        FibreClass.Adelta => 10.0,
        FibreClass.Abeta => 40.0,
        _ => 1.0,
    };
}
