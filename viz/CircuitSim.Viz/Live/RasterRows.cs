using CircuitSim.Engine;
using CircuitSim.Model;

namespace CircuitSim.Viz.Live;

/// <summary>
/// The raster's rows: afferents by fibre class (C, Aδ, Aβ), descending fibres, then dorsal horn neurons
/// by lamina from the surface down (I, II, III, IV, V), one row per cell; each population a band.
/// </summary>
internal sealed class RasterRows
{
    public sealed record Band(string Name, string Label, int Population, int FirstRow, int Count, Rendering.Rgba Colour);

    public Band[] Bands { get; }
    /// <summary>First row of each population, by population index (-1: not shown).</summary>
    public int[] FirstRowOf { get; }
    public int Rows { get; }
    /// <summary>The colour of each row (its band's).</summary>
    public Rendering.Rgba[] RowColour { get; }

    private static readonly string[] LaminaOrder = ["I", "IIo", "II", "IIi", "III", "IV", "V"];

    public RasterRows(Network network)
    {
        static int FibreOrder(SpikeSourcePopulation s) => s.Kind == PopulationKind.Descending ? 3 : s.Fibre switch
        {
            FibreClass.C => 0, FibreClass.Adelta => 1, _ => 2,
        };
        static int LaminaRank(string? l) { int k = Array.IndexOf(LaminaOrder, l); return k < 0 ? LaminaOrder.Length : k; }
        var ordered = network.SourcePopulations.OrderBy(FibreOrder).Cast<Population>()
            .Concat(network.NeuronPopulations.OrderBy(n => LaminaRank(n.Lamina)))
            .ToList();
        FirstRowOf = Enumerable.Repeat(-1, network.Populations.Count).ToArray();
        var bands = new List<Band>();
        int row = 0;
        foreach (var p in ordered)
        {
            var (label, colour) = p switch
            {
                SpikeSourcePopulation { Kind: PopulationKind.Descending } => ("desc.", Rendering.Palette.Descending),
                SpikeSourcePopulation s => (s.Fibre switch { FibreClass.C => "C", FibreClass.Adelta => "Aδ", _ => "Aβ" },
                    s.Fibre switch { FibreClass.C => Rendering.Palette.C, FibreClass.Adelta => Rendering.Palette.Adelta, _ => Rendering.Palette.Abeta }),
                NeuronPopulation n => (n.Lamina is { } l ? "lam. " + l : "", Rendering.Palette.Lamina(n.Lamina)),
                _ => ("", Rendering.Palette.Text),
            };
            bands.Add(new Band(p.Name, label, p.Index, row, p.Count, colour));
            FirstRowOf[p.Index] = row;
            row += p.Count;
        }
        Bands = bands.ToArray();
        Rows = row;
        RowColour = new Rendering.Rgba[row];
        foreach (var b in Bands) Array.Fill(RowColour, b.Colour, b.FirstRow, b.Count);
    }
}
