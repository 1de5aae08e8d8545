using CircuitSim.Tissue;
using PureHDF;

namespace CircuitSim.Output;

/// <summary>
/// fields.h5: per field a group <c>/fields/NAME</c> with <c>values</c> (snapshots × depth cells × mediolateral
/// cells, µM, float32), <c>times_ms</c>, and attributes <c>dx_um</c>, <c>units</c>; with microglia, <c>/microglia</c>
/// (positions and activation per snapshot). Readable by h5py.
/// </summary>
public static class FieldsHdf5Writer
{
    public const string FileName = "fields.h5";

    /// <param name="microglia">Also written, as /microglia/x_um, y_um, activation (snapshots × cells), when given; astrocytes alike under /astrocytes.</param>
    public static void Write(string path, IReadOnlyList<FieldSnapshots> fields, AgentSnapshots? microglia = null, AgentSnapshots? astrocytes = null)
    {
        OutputNames.CheckUnique(fields.Select(f => f.Name), "Field");
        var group = new H5Group();
        foreach (var f in fields)
        {
            OutputNames.Check(f.Name, "Field");
            var values = new float[f.Values.Count, f.Ny, f.Nx];
            for (int t = 0; t < f.Values.Count; t++)
                for (int j = 0; j < f.Ny; j++)
                    for (int i = 0; i < f.Nx; i++) values[t, j, i] = f.Values[t][j * f.Nx + i];
            group[f.Name] = new H5Group
            {
                ["values"] = new H5Dataset(values) { Attributes = new() { ["units"] = "uM" } },
                ["times_ms"] = f.TimesMs.ToArray(),
                Attributes = new() { ["dx_um"] = f.DxUm, ["axes"] = "time, depth (y, from the dorsal surface), mediolateral (x)" },
            };
        }
        var file = new H5File { ["fields"] = group };
        foreach (var m in new[] { microglia, astrocytes }.OfType<AgentSnapshots>().Where(a => a.X.Count > 0))
        {
            float[,] Grid(IReadOnlyList<float[]> rows)
            {
                var g = new float[rows.Count, rows[0].Length];
                for (int t = 0; t < rows.Count; t++) for (int i = 0; i < rows[t].Length; i++) g[t, i] = rows[t][i];
                return g;
            }
            file[m.Kind] = new H5Group
            {
                ["x_um"] = Grid(m.X), ["y_um"] = Grid(m.Y), ["activation"] = Grid(m.Activation), ["times_ms"] = m.TimesMs.ToArray(),
                Attributes = new() { ["axes"] = "time, cell; y is depth below the dorsal surface" },
            };
        }
        AtomicFile.Write(path, stream => file.Write(stream));
    }
}
