using CircuitSim.Engine;

namespace CircuitSim.Viz.Live;

/// <summary>
/// The tissue map: one field's concentrations, the glial cells (position, activation), copied every
/// <see cref="SampleMs"/> of simulated time into arrays allocated once, and the neurons' places with the
/// step each last fired (they flash on the map).
/// </summary>
internal sealed class LiveTissue
{
    public const double SampleMs = 100;
    public string? FieldName { get; private set; }
    public int Nx { get; private set; }
    public int Ny { get; private set; }
    public float[] Field { get; private set; } = Array.Empty<float>();
    public float FieldMax { get; private set; }
    public double WidthUm { get; private set; }
    public double DepthUm { get; private set; }
    public sealed class Cells(string kind, int capacity)
    {
        public readonly string Kind = kind;
        public readonly float[] X = new float[capacity], Y = new float[capacity], Activation = new float[capacity];
        public int Count;
    }
    public Cells[] Glia { get; private set; } = Array.Empty<Cells>();
    /// <summary>Neurons: position (µm) and the step each last fired (-1: not yet).</summary>
    public float[] NeuronX { get; private set; } = Array.Empty<float>();
    public float[] NeuronY { get; private set; } = Array.Empty<float>();
    public long[] LastFired { get; private set; } = Array.Empty<long>();
    public bool HasTissue { get; private set; }
    /// <summary>Lamina boundaries, µm from the dorsal surface, with their names.</summary>
    public (string Name, double TopUm)[] Laminae { get; private set; } = Array.Empty<(string, double)>();

    private readonly string? _wanted;
    private Tissue.DiffusionField? _field;
    private int _every = 1;
    private int[] _neuronOffset = Array.Empty<int>();
    private NeuronPopulation[] _pops = Array.Empty<NeuronPopulation>();

    public LiveTissue(string? field) => _wanted = field;

    public void Start(Network network)
    {
        _field = null;
        _every = Math.Max(1, (int)Math.Round(SampleMs / network.DtMs));
        _pops = network.NeuronPopulations.ToArray();
        _neuronOffset = new int[_pops.Length + 1];
        for (int k = 0; k < _pops.Length; k++) _neuronOffset[k + 1] = _neuronOffset[k] + _pops[k].Count;
        int total = _neuronOffset[^1];
        NeuronX = new float[total];
        NeuronY = new float[total];
        LastFired = Enumerable.Repeat(-1L, total).ToArray();
        for (int k = 0; k < _pops.Length; k++)
            for (int i = 0; i < _pops[k].Count && i < _pops[k].X.Length; i++)
            {
                NeuronX[_neuronOffset[k] + i] = _pops[k].X[i];
                NeuronY[_neuronOffset[k] + i] = _pops[k].Y[i];
            }
        Laminae = new[] { "I", "IIo", "IIi", "III", "IV", "V" }.Select(l => (l, Model.LaminaGeometry.DepthBand(l).Top)).ToArray();
        WidthUm = Model.LaminaGeometry.WidthUm;
        DepthUm = Model.LaminaGeometry.DepthBand("V").Bottom;
        HasTissue = network.Tissue is not null;
        if (network.Tissue is not { } tissue) return;
        var f = _wanted is null ? tissue.Fields.FirstOrDefault() : tissue.Fields.FirstOrDefault(x => x.Name == _wanted);
        _field = f;
        if (f is not null)
        {
            FieldName = f.Name;
            Nx = f.Nx;
            Ny = f.Ny;
            Field = new float[f.Nx * f.Ny];
            WidthUm = f.Nx * f.DxUm;
            DepthUm = f.Ny * f.DxUm;
        }
        Glia = tissue.Glia.Select(g => new Cells(g.Kind, g.Capacity)).ToArray();
        Sample(network);
    }

    public void Step(Network network, long step)
    {
        for (int k = 0; k < _pops.Length; k++)
        {
            var sp = _pops[k].Spikes;
            for (int s = 0; s < sp.Segments.Length; s++)
                for (int j = 0; j < sp.Counts[s]; j++) LastFired[_neuronOffset[k] + sp.Segments[s][j]] = step;
        }
        if (HasTissue && (step + 1) % _every == 0) Sample(network);
    }

    private void Sample(Network network)
    {
        var tissue = network.Tissue!;
        if (_field is { } f)
        {
            var c = f.Values;
            float max = 0;
            for (int i = 0; i < Field.Length; i++) { float v = (float)c[i]; Field[i] = v; if (v > max) max = v; }
            FieldMax = max;
        }
        for (int g = 0; g < Glia.Length; g++)
        {
            var src = tissue.Glia[g];
            var dst = Glia[g];
            dst.Count = src.Count;
            for (int i = 0; i < src.Count; i++)
            {
                dst.X[i] = (float)src.X[i];
                dst.Y[i] = (float)src.Y[i];
                dst.Activation[i] = (float)src.Activation[i];
            }
        }
    }
}
