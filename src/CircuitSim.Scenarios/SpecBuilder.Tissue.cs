using CircuitSim.Model;
using CircuitSim.Scenarios.Yaml;

namespace CircuitSim.Scenarios;

internal sealed partial class SpecBuilder
{
    private static readonly string[] TissueKeys = { "grid", "clock", "snapshot_every", "fields" };
    private static readonly string[] FieldKeys = { "diffusion", "decay", "release" };

    /// <summary>
    /// <c>tissue:</c> — the transverse slab (the laminae's 400 × 550 µm) as a grid of <c>grid</c> µm, and its
    /// fields (diffusion, decay, release per spike of neuron populations), stepping every <c>clock</c>.
    /// </summary>
    private void BuildTissue(YMap root)
    {
        if (root["tissue"] is not { } node) return;
        if (Map(node, "tissue", "a map with grid, clock, snapshot_every, fields") is not { } tm) return;
        CheckKeys(tm, "tissue", TissueKeys);
        var t = new TissueSpec();
        if (tm["grid"] is { } g && Qty(g, "tissue.grid", NumKey.Of(Dimension.Length, Limits.Positive)) is { } grid)
        {
            if (grid < 1 || grid > 100) Error(g, "tissue.grid", $"a grid cell is 1 to 100 µm (the slab is {LaminaGeometry.WidthUm} × {LaminaGeometry.DepthBand(null).Bottom} µm), found {grid} µm");
            else t.GridUm = grid;
        }
        if (tm["clock"] is { } c && Qty(c, "tissue.clock", NumKey.Of(Dimension.Time, Limits.Positive)) is { } clock)
        {
            double steps = clock / _spec.DtMs;
            if (Math.Abs(steps - Math.Round(steps)) > 1e-6 || steps < 1) Error(c, "tissue.clock", $"the fields' clock must be a whole number of dt ({_spec.DtMs} ms), found {clock} ms");
            else t.ClockMs = clock;
        }
        if (tm["snapshot_every"] is { } se && Qty(se, "tissue.snapshot_every", NumKey.Of(Dimension.Time, Limits.Positive)) is { } every)
            t.SnapshotEveryMs = every;
        if (Required(tm, "tissue", "fields", "a map of field names (ATP, BDNF, ...) to {diffusion, decay, release}") is { } fn
            && Map(fn, "tissue.fields", "a map of field names to {diffusion, decay, release}") is { } fm)
        {
            foreach (var e in fm.Entries)
            {
                string path = Join("tissue.fields", e.Key);
                CheckName(e, path, "field");
                if (Map(e.Value, path, "a map with diffusion, decay, release") is not { } f) continue;
                CheckKeys(f, path, FieldKeys);
                var field = new FieldSpec { Name = e.Key };
                if (Required(f, path, "diffusion", "a diffusion coefficient such as '300 um^2/s'") is { } dn
                    && Qty(dn, Join(path, "diffusion"), NumKey.Of(Dimension.Diffusivity, Limits.NonNegative)) is { } d)
                    field.DiffusionUm2PerS = d;
                if (f["decay"] is { } dec)
                {
                    if (dec is YScalar { Value: "none" }) field.DecayMs = double.PositiveInfinity;
                    else if (Qty(dec, Join(path, "decay"), NumKey.Of(Dimension.Time, Limits.Positive)) is { } tau) field.DecayMs = tau;
                }
                if (f["release"] is { } rn && Map(rn, Join(path, "release"), "a map of neuron populations to the amount per spike, e.g. {PN: 0.01 uM}") is { } rm)
                    foreach (var r in rm.Entries)
                    {
                        string rp = Join(Join(path, "release"), r.Key);
                        var pop = PopulationRef(r.KeyNode, rp);
                        if (pop is not null && pop.Kind != PopulationKind.Neuron)
                            Error(r.KeyNode, rp, $"'{pop.Name}' is kind {KindWord(pop.Kind)}: only neurons have a place in the slab yet (afferent terminals come with the glia)");
                        if (Qty(r.Value, rp, NumKey.Of(Dimension.Concentration, Limits.NonNegative)) is { } amount && pop is not null)
                            field.Releases.Add((pop.Name, amount));
                    }
                t.Fields.Add(field);
            }
        }
        _spec.Tissue = t;
    }
}
