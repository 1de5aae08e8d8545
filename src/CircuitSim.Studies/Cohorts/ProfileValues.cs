using System.Globalization;
using CircuitSim.Scenarios;
using CircuitSim.Studies.Results;

namespace CircuitSim.Studies.Cohorts;

/// <summary>
/// A patient's parameter values: for each key path that a profile touches, the scenario's value v
/// becomes v · Π fold_g^z_g + Σ shift_g · z_g over the genes g that act on it, kept within the
/// effects' [min, max]. Written back with the scenario's unit, as a <c>--set</c> would be.
/// </summary>
public static class ProfileValues
{
    public static List<KeyValuePair<string, string>> For(Patient patient, IReadOnlyList<GeneProfile> profiles, Func<string, string?> scenarioValue)
    {
        var result = new List<KeyValuePair<string, string>>();
        var paths = profiles.SelectMany(p => p.Effects.Select(e => e.Path)).Distinct().ToList();
        foreach (var path in paths)
        {
            var effects = profiles.SelectMany(p => p.Effects.Where(e => e.Path == path).Select(e => (p.Gene, Effect: e))).ToList();
            var first = effects[0].Effect;
            string baseText = scenarioValue(path) ?? throw new StudyException(
                $"{first.Where}: sweep.profiles.{effects[0].Gene}.effects.{path}: the scenario has no single value at '{path}' to change; give it one in the scenario");
            var q = ResultTable.Quantity(baseText) ?? throw new StudyException(
                $"{first.Where}: sweep.profiles.{effects[0].Gene}.effects.{path}: the scenario's value '{baseText}' is not a number with a unit");
            double v = q.Value, add = 0, lo = double.NegativeInfinity, hi = double.PositiveInfinity;
            foreach (var (gene, e) in effects)
            {
                double z = patient.Z.TryGetValue(gene, out var zz) ? zz : 0;
                v *= Math.Pow(e.Fold, z);
                if (e.Shift != 0)
                {
                    if (e.ShiftUnit != q.Unit)
                        throw new StudyException($"{e.Where}: sweep.profiles.{gene}.effects.{path}.shift: written in '{e.ShiftUnit}', but the scenario's value '{baseText}' is in '{q.Unit}'; use the same unit");
                    add += e.Shift * z;
                }
                if (e.Min is { } mn) lo = Math.Max(lo, mn);
                if (e.Max is { } mx) hi = Math.Min(hi, mx);
            }
            if (lo > hi)
                throw new StudyException($"{first.Where}: sweep.profiles: the effects on '{path}' have limits that do not overlap (min {lo} above max {hi})");
            v = Math.Clamp(v + add, lo, hi);
            string n = double.Parse(v.ToString("G10", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture);
            result.Add(new(path, q.Unit.Length == 0 ? n : $"{n} {q.Unit}"));
        }
        return result;
    }
}
